/**
 * Scheduled housekeeping of the public door (job `public-cleanup`, hourly):
 * - 随手拍 photos uploaded but never claimed by a report (public_uploads with no problem) for more than 24 hours:
 *   the upload row, the file row and its stored objects (original, thumbnail, evidence copy) are deleted. A photo a
 *   problem uses is never touched.
 * - phone verification codes used or expired and created more than 7 days ago are deleted.
 * The rows go in one transaction; the stored objects after COMMIT (a storage error leaves an orphan object, counted in
 * the result, never a row pointing at nothing). Works in batches; a backlog drains over the following runs.
 */
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import type { FileStorage } from '../../platform/storage';

export const UNCLAIMED_UPLOAD_HOURS = 24;
export const PHONE_CODE_KEEP_DAYS = 7;
const BATCH = 500;

/** The app's storage (deps.storage), handed over when the public routes are registered, for the scheduled run. */
let appStorage: FileStorage | null = null;
export function useStorageForCleanup(storage: FileStorage): void {
  appStorage = storage;
}

export interface CleanupResult {
  uploads: number;
  objects: number;
  objectErrors: number;
  phoneCodes: number;
}

/** One run: deletes what is past its keeping time as of the clock's now. */
export async function cleanUpPublicLeftovers(ctx: Ctx, storage: FileStorage | null = appStorage): Promise<CleanupResult> {
  if (!storage) throw new Error('public-cleanup: no storage (the public routes were not registered)');
  const now = ctx.clock.now();
  const uploadCutoff = new Date(now.getTime() - UNCLAIMED_UPLOAD_HOURS * 3600_000);
  const codeCutoff = new Date(now.getTime() - PHONE_CODE_KEEP_DAYS * 86_400_000);

  const { files, phoneCodes } = await ctx.db.transaction().execute(async (tx) => {
    const stale = await sql<{ file_id: string }>`select pu.file_id from public_uploads pu
      where pu.problem_id is null and pu.created_at < ${uploadCutoff}
        and not exists (select 1 from problem_photos pp where pp.file_id = pu.file_id)
      order by pu.created_at limit ${BATCH}
      for update skip locked`.execute(tx);
    const ids = stale.rows.map((r) => r.file_id);
    let files: Array<{ original_key: string; thumbnail_key: string; evidence_key: string }> = [];
    if (ids.length) {
      // Claimed since the select? Then it is no longer ours to delete (`problem_id is null` again).
      const gone = await sql<{ file_id: string }>`delete from public_uploads
        where file_id = any(${ids}::uuid[]) and problem_id is null returning file_id`.execute(tx);
      const goneIds = gone.rows.map((r) => r.file_id);
      if (goneIds.length) {
        files = (
          await sql<{ original_key: string; thumbnail_key: string; evidence_key: string }>`delete from files
            where id = any(${goneIds}::uuid[]) returning original_key, thumbnail_key, evidence_key`.execute(tx)
        ).rows;
      }
    }
    const codes = await sql`delete from public_phone_codes
      where created_at < ${codeCutoff} and (used_at is not null or expires_at < ${now})`.execute(tx);
    return { files, phoneCodes: Number(codes.numAffectedRows ?? 0) };
  });

  const keys = files.flatMap((f) => [f.original_key, f.thumbnail_key, f.evidence_key]);
  const results = await Promise.allSettled(keys.map((k) => storage.delete(k)));
  const objectErrors = results.filter((r) => r.status === 'rejected').length;
  return { uploads: files.length, objects: keys.length - objectErrors, objectErrors, phoneCodes };
}
