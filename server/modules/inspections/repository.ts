/** SQL for inspection rounds: loading with secrecy facts, lists, sites, checklists and saved results. */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../platform/db';

/** One round with its region path and team. */
export async function findRound(db: Db | Tx, id: string) {
  const r = await db
    .selectFrom('inspection_rounds as ir')
    .innerJoin('regions as rg', 'rg.id', 'ir.region_id')
    .innerJoin('campaigns as c', 'c.id', 'ir.campaign_id')
    .selectAll('ir')
    .select(['rg.path as region_path', 'rg.name as region_name', 'c.name as campaign_name'])
    .where('ir.id', '=', id)
    .executeTakeFirst();
  if (!r) return undefined;
  const team = await db
    .selectFrom('inspection_round_inspectors as x')
    .innerJoin('users as u', 'u.id', 'x.user_id')
    .select(['u.id', 'u.name'])
    .where('x.round_id', '=', id)
    .execute();
  return { ...r, team: team.map((t) => t.id), teamMembers: team };
}
export type RoundRow = NonNullable<Awaited<ReturnType<typeof findRound>>>;

/** The round's sites with their visit status. */
export function roundSites(db: Db | Tx, roundId: string) {
  return db
    .selectFrom('inspection_round_sites as rs')
    .innerJoin('sites as s', 's.id', 'rs.site_id')
    .innerJoin('site_types as st', 'st.code', 's.site_type_code')
    .innerJoin('regions as r', 'r.id', 's.region_id')
    .leftJoin('inspection_visits as v', (j) => j.onRef('v.round_id', '=', 'rs.round_id').onRef('v.site_id', '=', 'rs.site_id'))
    .select([
      's.id',
      's.name',
      's.site_type_code',
      'st.name as site_type_name',
      's.address',
      's.lat',
      's.lng',
      's.region_id',
      'r.name as region_name',
      's.unit_id',
      's.lead_name',
      'v.id as visit_id',
      'v.score_rate',
      'v.deduction_score',
      'v.visited_at',
    ])
    .where('rs.round_id', '=', roundId)
    .orderBy('st.sort')
    .orderBy('s.name')
    .execute();
}

/** Standards of a version that apply to a site type in the field. */
export function checklistFor(db: Db | Tx, versionId: string, siteTypeCode: string) {
  return db
    .selectFrom('standards as s')
    .innerJoin('standard_items as c', 'c.id', 's.item_id')
    .select(['s.id', 's.code', 's.text', 's.points', 's.method', 's.negative', 'c.name as content_name'])
    .where('s.version_id', '=', versionId)
    .where('s.method', '=', 'field')
    .where((eb) => eb(eb.val(siteTypeCode), '=', eb.fn.any('s.site_type_codes')))
    .orderBy('c.sort')
    .orderBy('s.sort')
    .execute();
}

/** A page of rounds that pass `visible` (rounds aliased `ir`), newest first, with site and visit counts. */
export async function listRounds(
  db: Db,
  visible: RawBuilder<SqlBool>,
  f: { kind?: string; campaignId?: string; inspectorId?: string },
  page: { limit: number; offset: number },
) {
  let base = db.selectFrom('inspection_rounds as ir').where(visible);
  if (f.kind) base = base.where('ir.kind', '=', f.kind);
  if (f.campaignId) base = base.where('ir.campaign_id', '=', f.campaignId);
  if (f.inspectorId)
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('inspection_round_inspectors as x')
          .select('x.user_id')
          .whereRef('x.round_id', '=', 'ir.id')
          .where('x.user_id', '=', f.inspectorId!),
      ),
    );
  const [items, total] = await Promise.all([
    base
      .selectAll('ir')
      .select([
        sql<number>`(select count(*)::int from inspection_round_sites rs where rs.round_id = ir.id)`.as('sites'),
        sql<number>`(select count(*)::int from inspection_visits v where v.round_id = ir.id)`.as('visited'),
      ])
      .orderBy('ir.start_date', 'desc')
      .orderBy('ir.created_at', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

/** One of the round's sites (id, name, type), if the site is in the round. */
export function roundSite(db: Db | Tx, roundId: string, siteId: string) {
  return db
    .selectFrom('inspection_round_sites as rs')
    .innerJoin('sites as s', 's.id', 'rs.site_id')
    .select(['s.id', 's.name', 's.site_type_code'])
    .where('rs.round_id', '=', roundId)
    .where('rs.site_id', '=', siteId)
    .executeTakeFirst();
}

/** The results saved for a site's visit in a round (none before the first save). */
export async function savedResults(db: Db, roundId: string, siteId: string) {
  const visit = await db
    .selectFrom('inspection_visits')
    .select('id')
    .where('round_id', '=', roundId)
    .where('site_id', '=', siteId)
    .executeTakeFirst();
  return visit ? db.selectFrom('inspection_results').selectAll().where('visit_id', '=', visit.id).execute() : [];
}
