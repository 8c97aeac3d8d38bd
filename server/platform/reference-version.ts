/**
 * The rule every shipped reference data set follows (categories, site types, the holiday calendar): when the file's
 * version is newer than the one the database recorded in `reference_data`, its loader runs in one transaction with
 * the new version recorded; otherwise nothing happens. Loaders add what is missing and keep local edits.
 */
import type { Db, Tx } from './db';

/** Runs `load` (returning how many rows it added) when `file.version` is newer than the recorded one; else 0. */
export async function loadIfNewer(db: Db, file: { name: string; version: number }, load: (tx: Tx) => Promise<number>): Promise<number> {
  const current = await db.selectFrom('reference_data').select('version').where('name', '=', file.name).executeTakeFirst();
  if (current && current.version >= file.version) return 0;
  return db.transaction().execute(async (tx) => {
    const added = await load(tx);
    await tx
      .insertInto('reference_data')
      .values({ name: file.name, version: file.version })
      .onConflict((oc) => oc.column('name').doUpdateSet({ version: file.version, loaded_at: new Date() }))
      .execute();
    return added;
  });
}
