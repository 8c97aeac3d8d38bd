/** Reading one uploaded file from a multipart body (field `file`), shared by the modules that take documents. */
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors';

/** The client's file name as a label: the last path segment, no control characters, at most 200 characters. */
export function cleanUploadName(name: string | undefined): string | null {
  const base = (name ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  return base ? base.slice(0, 200) : null;
}

export interface OneFileUpload {
  bytes: Buffer;
  /** The client's name for the file: a label only, never used to decide the type. */
  name: string | null;
}

/**
 * Reads the multipart body's one file in the field `file` (other text fields are ignored). `what` names the file in
 * the messages (票据, 佐证材料); `tooLarge` is the Chinese message for a file over `maxBytes`.
 */
export async function readOneFileUpload(
  req: FastifyRequest,
  opts: { maxBytes: number; what: string; tooLarge: string },
): Promise<OneFileUpload> {
  if (!req.isMultipart()) throw new AppError('bad_request', `请以 multipart/form-data 上传${opts.what}（字段名 file）`);
  let bytes: Buffer | null = null;
  let name: string | null = null;
  try {
    for await (const part of req.parts({ limits: { fileSize: opts.maxBytes, files: 1, fields: 5, fieldSize: 2000 } })) {
      if (part.type !== 'file') continue;
      // Read every file part to the end so the stream can move on; only the `file` field counts.
      const buf = await part.toBuffer();
      if (part.fieldname === 'file' && !bytes) {
        bytes = buf;
        name = cleanUploadName(part.filename);
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('payload_too_large', opts.tooLarge);
    if (code === 'FST_FILES_LIMIT') throw new AppError('bad_request', '一次只能上传一个文件');
    req.log.warn({ err: error }, `${opts.what} upload unreadable`);
    throw new AppError('bad_request', '上传内容格式有误或不完整，请重新上传');
  }
  if (!bytes || bytes.length === 0) throw new AppError('bad_request', '没有收到文件（字段名 file）');
  return { bytes, name };
}
