/** SQL for files; no rules, no authorization. */
import type { Insertable } from 'kysely';
import type { Db, Tx } from '../../platform/db';
import type { FilesTable } from '../../platform/schema';

/** Inserts one file row. */
export function insertFile(tx: Tx, values: Insertable<FilesTable>) {
  return tx.insertInto('files').values(values).returningAll().executeTakeFirstOrThrow();
}

/** One file with its uploader's name. */
export function findFile(db: Db | Tx, id: string) {
  return db
    .selectFrom('files')
    .innerJoin('users as u', 'u.id', 'files.uploaded_by')
    .selectAll('files')
    .select('u.name as uploader_name')
    .where('files.id', '=', id)
    .executeTakeFirst();
}
export type FileRow = NonNullable<Awaited<ReturnType<typeof findFile>>>;
