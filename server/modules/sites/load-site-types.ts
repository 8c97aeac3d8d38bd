/** Loads the shipped site types (data/site-types.json) when the file's version is newer; local edits are kept. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../platform/db';
import { loadIfNewer } from '../../platform/reference-version';

const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data/site-types.json');

/** Inserts missing site types; returns how many were added. */
export async function loadSiteTypes(db: Db): Promise<number> {
  if (!fs.existsSync(FILE)) return 0;
  const data = JSON.parse(fs.readFileSync(FILE, 'utf8')) as {
    name: string;
    version: number;
    items: Array<{ code: string; name: string; short: string; sort?: number }>;
  };
  return loadIfNewer(db, data, async (tx) => {
    const inserted = await tx
      .insertInto('site_types')
      .values(data.items.map((t, i) => ({ code: t.code, name: t.name, short: t.short, sort: t.sort ?? i + 1 })))
      .onConflict((oc) => oc.column('code').doNothing())
      .returning('code')
      .execute();
    return inserted.length;
  });
}
