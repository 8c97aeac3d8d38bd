/**
 * 慈善之家's public ledger (no account): the projects of a county with what they raised, spent and hold, and one
 * project's ledger — every entry in the order written (corrections beside what they correct), donors as given or 匿名,
 * what the money was spent on, links to the receipts. Contact data (the organisation's, the donors') and who recorded
 * an entry are never public; nobody can change anything here.
 */
import { sql, type SqlBool } from 'kysely';
import type { z } from 'zod';
import type { publicProject, publicProjectPage, publicProjectsQuery } from '../../../common/contracts/charity';
import type { Db } from '../../platform/db';
import { notFound } from '../../platform/errors';
import { toPublicProject, toPublicSummary } from './presenter';
import { entryReceipts, findProject, linkedActivities, listProjects, projectEntries } from './repository';

export async function readPublicProjects(db: Db, q: z.output<typeof publicProjectsQuery>): Promise<z.output<typeof publicProjectPage>> {
  const county = await db
    .selectFrom('regions')
    .select(['id', 'name', 'path'])
    .where('code', '=', q.countyCode)
    .where('level', '=', 'county')
    .executeTakeFirst();
  if (!county) throw notFound('区县');
  const { rows, total } = await listProjects(db, sql<SqlBool>`r.path like ${(county as { path: string }).path + '%'}`, {
    ...q,
    sort: 'starts_on',
    order: 'desc',
  });
  return { countyName: county.name, items: rows.map(toPublicSummary), total };
}

export async function readPublicProject(db: Db, id: string): Promise<z.output<typeof publicProject>> {
  const p = await findProject(db, id);
  if (!p) throw notFound('慈善项目');
  const [entries, receipts, activities] = await Promise.all([projectEntries(db, id), entryReceipts(db, id), linkedActivities(db, id)]);
  return toPublicProject(p, entries, receipts, activities);
}
