/**
 * The public copy of a problem photo for media_url: re-encoded by sharp, which writes no metadata (EXIF time, GPS
 * and camera are gone), at most 1280 px; only photos of problems the public interface lists.
 */
import sharp from 'sharp';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import type { FileStorage } from '../../platform/storage';
import { findPublicPhoto } from './repository';

/** The JPEG bytes of the public copy, or 404. */
export async function publicPhoto(ctx: Ctx, storage: FileStorage, fileId: string): Promise<Buffer> {
  if (!/^[0-9a-f-]{36}$/i.test(fileId)) throw notFound('照片');
  const file = await findPublicPhoto(ctx.db, fileId);
  if (!file) throw notFound('照片');
  const original = await storage.get(file.original_key);
  return sharp(original)
    .rotate()
    .resize({ width: 1280, height: 1280, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 80 })
    .toBuffer();
}
