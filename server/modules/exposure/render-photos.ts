/** Renders and stores the public copies of an exposure's photos (redact.ts) in the app's storage (deps.storage). */
import crypto from 'node:crypto';
import type { RedactionBox } from '../../../common/exposure-workflow';
import type { Db, Tx } from '../../platform/db';
import type { FileStorage } from '../../platform/storage';
import { renderPublicCopy } from './redact';

/**
 * Renders one photo's public copy from its original and records the key and size on the row. A new key each time
 * (the storage is not transactional: a rolled-back edit leaves an unreferenced redacted copy, never a wrong one).
 */
export async function renderPhoto(
  db: Db | Tx,
  storage: FileStorage,
  photo: { id: string; exposure_id: string; file_id: string },
  boxes: readonly RedactionBox[],
): Promise<void> {
  const file = await db.selectFrom('files').select('original_key').where('id', '=', photo.file_id).executeTakeFirstOrThrow();
  const copy = await renderPublicCopy(await storage.get(file.original_key), boxes);
  const key = `exposures/${photo.exposure_id}/${photo.id}-${crypto.randomUUID()}.jpg`;
  await storage.put(key, copy.jpeg);
  await db
    .updateTable('exposure_photos')
    .set({ boxes: JSON.stringify(boxes), public_key: key, width: copy.width, height: copy.height })
    .where('id', '=', photo.id)
    .execute();
}
