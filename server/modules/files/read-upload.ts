/** Reads a photo upload: multipart field `file` plus the optional text fields `lat`, `lng`, `address`. */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors';
import { cleanUploadName } from '../../platform/upload';
import { uploadFields, type UploadFields } from './schemas';

/** 15 MB: a full-resolution phone photo fits; checked on the bytes received, not on a declared length. */
export const MAX_PHOTO_BYTES = 15 * 1024 * 1024;

export interface PhotoUpload {
  bytes: Buffer;
  /** The client's name for the file: a label only, never used to decide the type. */
  originalName: string | null;
  fields: UploadFields;
}

const tooLarge = () => new AppError('payload_too_large', '照片超过 15 MB，请压缩后重新上传');

/** Collects the file and text fields in whatever order the client sent them. */
export async function readPhotoUpload(req: FastifyRequest): Promise<PhotoUpload> {
  if (!req.isMultipart()) throw new AppError('bad_request', '请以 multipart/form-data 上传照片（字段名 file）');
  const raw: Record<string, string> = {};
  let bytes: Buffer | null = null;
  let originalName: string | null = null;
  try {
    const parts = req.parts({ limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 10, fieldSize: 2000 } });
    for await (const part of parts) {
      if (part.type === 'file') {
        // Read every file part to the end so the stream can move on; only the `file` field counts.
        const buf = await part.toBuffer();
        if (part.fieldname === 'file' && !bytes) {
          bytes = buf;
          originalName = cleanUploadName(part.filename);
        }
      } else if (typeof part.value === 'string' && ['lat', 'lng', 'address', 'roundId'].includes(part.fieldname)) {
        raw[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (code === 'FST_FILES_LIMIT') throw new AppError('bad_request', '一次只能上传一张照片');
    // Everything else here is the body itself being malformed or cut off (busboy's own errors carry no code).
    req.log.warn({ err: error }, 'multipart upload unreadable');
    throw new AppError('bad_request', '上传内容格式有误或不完整，请重新上传');
  }
  if (!bytes || bytes.length === 0) throw new AppError('bad_request', '没有收到照片（字段名 file）');
  const parsed = uploadFields.safeParse(raw);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}：${i.message}` : i.message));
    throw new AppError('validation', `输入有误：${details.join('；')}`, { fields: details });
  }
  return { bytes, originalName, fields: parsed.data };
}
