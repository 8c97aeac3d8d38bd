/**
 * 随手拍 photos: a citizen's upload goes through the files pipeline (type by content, 15 MB, orientation, thumbnail,
 * evidence copy) under the citizen account, and waits for the report of the same device (public_uploads). Nobody reads
 * it by id: the citizen account cannot sign in, and a public copy is shown only through the report's tracking code.
 */
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import type { FileStorage } from '../../platform/storage';
import type { PhotoUpload } from '../files/read-upload';
import { uploadPhoto } from '../files/upload-photo';
import { asCitizen } from './citizen-actor';
import { takeRateLimit } from './rate-limit';

/** Stores the photo and records it as the device's pending upload. */
export async function uploadPublicPhoto(ctx: Ctx, storage: FileStorage, deviceId: string, upload: PhotoUpload) {
  const now = ctx.clock.now();
  // A covert round's id means nothing here.
  const { roundId: _ignored, ...fields } = upload.fields;
  const file = await uploadPhoto(asCitizen(ctx), storage, { ...upload, fields });
  await sql`insert into public_uploads (file_id, device_id, created_at) values (${file.id}, ${deviceId}, ${now})`.execute(ctx.db);
  return { id: file.id, width: file.width, height: file.height };
}

/** Counts the upload against the address and device limits (before the body is read). */
export function countUpload(ctx: Ctx, deviceId: string) {
  return takeRateLimit(ctx.db, 'upload', { ip: ctx.meta.ip, device: deviceId }, ctx.clock.now());
}
