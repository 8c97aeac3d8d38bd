/** Loads the shipped category tree (data/categories.json) when its version is newer than what the database has. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../platform/db';
import { loadIfNewer } from '../../platform/reference-version';

interface CategoryFile {
  name: string;
  version: number;
  items: Array<{ code: string; name: string; kind: string; children: Array<[string, string]> }>;
}

const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data/categories.json');

/**
 * Inserts categories that are missing. Existing rows are left as the office edited them: a new
 * file version adds codes, it never overwrites local names.
 */
export async function loadCategories(db: Db): Promise<number> {
  const data = JSON.parse(fs.readFileSync(FILE, 'utf8')) as CategoryFile;
  return loadIfNewer(db, data, async (tx) => {
    const rows = data.items.flatMap((major, i) => [
      { code: major.code, parent_code: null, name: major.name, kind: major.kind, sort: i * 100 },
      ...major.children.map(([code, name], j) => ({ code, parent_code: major.code, name, kind: major.kind, sort: i * 100 + j + 1 })),
    ]);
    // Parents first (they are earlier in the list), so the foreign key holds row by row.
    const inserted = await tx
      .insertInto('problem_categories')
      .values(rows)
      .onConflict((oc) => oc.column('code').doNothing())
      .returning('code')
      .execute();
    return inserted.length;
  });
}
