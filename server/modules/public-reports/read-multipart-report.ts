/**
 * `POST /api/public/reports` as multipart/form-data: the photos (fields `file`, one to four) travel with the report
 * instead of being uploaded first through `/api/public/files`. Each photo goes through the same pipeline and the same
 * limits as an upload of its own (type by content, size, EXIF read; counted per address and device), then the text
 * fields become the JSON body with the new photo ids, which the route validates as usual. Fields: `deviceId`,
 * `categoryCode`, `description`, `countyCode`, `address`, `name`, `phone`, `phoneCode`, `lat` + `lng` (or `location`
 * as JSON), `proof` (the solved challenge as JSON), `answers` (answers to the category's 附加问题 as JSON, code → value).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { publicReportBody } from '../../../common/contracts/public-reports';
import { DEVICE_ID_PATTERN } from '../../../common/public-reports';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import type { FileStorage } from '../../platform/storage';
import { MAX_PHOTO_BYTES } from '../files/read-upload';
import { countUpload, uploadPublicPhoto } from './upload-public-photo';

const TEXT_FIELDS = ['deviceId', 'categoryCode', 'description', 'countyCode', 'address', 'name', 'phone', 'phoneCode', 'lat', 'lng'];
const JSON_FIELDS = ['proof', 'location', 'answers'];
const MAX_PHOTOS = 4;

/** Parses a JSON field; a malformed one is left as text, so validation names the field. */
function jsonField(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Reads the multipart report, stores its photos and answers the body the JSON route takes. */
export async function readMultipartReport(req: FastifyRequest, ctx: Ctx, storage: FileStorage): Promise<Record<string, unknown>> {
  const fields: Record<string, unknown> = {};
  const photos: Array<{ bytes: Buffer; originalName: string | null }> = [];
  try {
    const parts = req.parts({ limits: { fileSize: MAX_PHOTO_BYTES, files: MAX_PHOTOS, fields: 20, fieldSize: 4000 } });
    for await (const part of parts) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname === 'file' && bytes.length) photos.push({ bytes, originalName: part.filename?.slice(-200) || null });
      } else if (typeof part.value === 'string') {
        if (TEXT_FIELDS.includes(part.fieldname)) fields[part.fieldname] = part.value;
        else if (JSON_FIELDS.includes(part.fieldname)) fields[part.fieldname] = jsonField(part.value);
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('payload_too_large', '照片超过 15 MB，请压缩后重新上传');
    if (code === 'FST_FILES_LIMIT') throw new AppError('validation', `最多 ${MAX_PHOTOS} 张照片`);
    throw new AppError('bad_request', '上传内容格式有误或不完整，请重新提交');
  }
  if (!photos.length) throw new AppError('validation', '请至少上传 1 张照片（字段名 file）');
  const deviceId = typeof fields.deviceId === 'string' ? fields.deviceId : '';
  if (!DEVICE_ID_PATTERN.test(deviceId)) throw new AppError('validation', '缺少设备标识或格式不正确（字段 deviceId）');
  const { lat, lng, ...rest } = fields;
  const location = rest.location ?? (lat !== undefined && lng !== undefined ? { lat: Number(lat), lng: Number(lng) } : undefined);
  const body = { ...rest, ...(location !== undefined ? { location } : {}) };
  // The fields are checked before any photo is stored: a bad report stores nothing.
  const check = publicReportBody.safeParse({ ...body, photoIds: photos.map(() => randomUUID()) });
  if (!check.success) {
    const details = check.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}：${i.message}` : i.message));
    throw new AppError('validation', `输入有误：${details.join('；')}`, { fields: details });
  }
  const photoIds: string[] = [];
  for (const photo of photos) {
    await countUpload(ctx, deviceId);
    const stored = await uploadPublicPhoto(ctx, storage, deviceId, { ...photo, fields: {} });
    photoIds.push(stored.id);
  }
  return { ...body, photoIds };
}
