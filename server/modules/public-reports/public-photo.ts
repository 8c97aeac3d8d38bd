/**
 * The public copy of a photo shown on a tracking page: decoded and re-encoded (sharp writes no metadata unless asked:
 * no EXIF, so no GPS, camera or time), turned upright and at most 1280 px. Made on request; the answer is cached by
 * the browser for an hour.
 */
import type { FastifyReply } from 'fastify';
import sharp from 'sharp';
import type { FileStorage } from '../../platform/storage';
import type { Db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { findFile } from '../files/repository';
import { loadTracked, trackedPhotos } from './read-tracking';

/** The JPEG bytes of a tracked report's photo, or 404 when the code does not show that photo. */
export async function publicPhoto(db: Db, storage: FileStorage, code: string, fileId: string): Promise<Buffer> {
  const row = await loadTracked(db, code);
  const { photos, after } = await trackedPhotos(db, row);
  if (!photos.includes(fileId) && !after.includes(fileId)) throw new AppError('not_found', '照片不存在');
  const file = await findFile(db, fileId);
  if (!file) throw new AppError('not_found', '照片不存在');
  const original = await storage.get(file.original_key);
  return sharp(original, { limitInputPixels: 150_000_000 })
    .rotate()
    .resize({ width: 1280, height: 1280, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 80, mozjpeg: true })
    .toBuffer();
}

/** Sends the public copy (private caching: the link holds a tracking code). */
export function sendPublicPhoto(reply: FastifyReply, jpeg: Buffer): FastifyReply {
  return reply.type('image/jpeg').header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff').send(jpeg);
}
