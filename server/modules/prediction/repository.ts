/**
 * SQL for the 测评 prediction (no rules): the campaign, its active standards version, the latest published rounds,
 * the checklist observations and sampled sites by (standard code, site type), the registry by site type and the open
 * problems by (standard code, site type). Only published rounds count (roundPublishedSql: open rounds, covert rounds
 * after release), and unreleased covert findings are never counted as open problems — the figures are the same for
 * every reader.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { DEADLINE_STATES, OPEN_STATES } from '../../../common/problem-workflow';
import type { Db } from '../../platform/db';
import { roundPublishedSql } from '../../platform/visibility';
import { versionStandards } from '../standards/repository';

/** Published rounds that feed the estimate (回头看 rounds revisit known failures, so they are left out). */
const usable = sql<SqlBool>`ir.kind <> 'recheck' and ${roundPublishedSql(sql.ref('ir.id'))}`;

/** A campaign with its region path (for the scope check). */
export function findCampaign(db: Db, id: string) {
  return db
    .selectFrom('campaigns as c')
    .innerJoin('regions as r', 'r.id', 'c.region_id')
    .select(['c.id', 'c.name', 'c.region_id', 'r.path as region_path'])
    .where('c.id', '=', id)
    .executeTakeFirst();
}
export type CampaignRow = NonNullable<Awaited<ReturnType<typeof findCampaign>>>;

/**
 * The first campaign the `scope` admits (campaigns `c`, regions `r`): the one with the latest published round, then
 * active before planning, then the newest.
 */
export function firstCampaign(db: Db, scope: RawBuilder<SqlBool>) {
  return db
    .selectFrom('campaigns as c')
    .innerJoin('regions as r', 'r.id', 'c.region_id')
    .select(['c.id', 'c.name', 'c.region_id', 'r.path as region_path'])
    .where(scope)
    .where('c.status', 'in', ['active', 'planning'])
    .orderBy(sql`(select max(ir.start_date) from inspection_rounds ir where ir.campaign_id = c.id and ${usable})`, (ob) =>
      ob.desc().nullsLast(),
    )
    .orderBy(sql`c.status = 'active'`, 'desc')
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id')
    .executeTakeFirst();
}

/**
 * The active standards version: the one the latest published round used, else the campaign's newest version.
 */
export async function activeVersion(db: Db, campaignId: string) {
  const fromRound = await sql<{ id: string; name: string }>`
    select v.id, v.name from inspection_rounds ir join standard_versions v on v.id = ir.standard_version_id
    where ir.campaign_id = ${campaignId} and ${usable}
    order by ir.start_date desc, ir.created_at desc, ir.id limit 1`.execute(db);
  if (fromRound.rows[0]) return fromRound.rows[0];
  return db
    .selectFrom('standard_versions')
    .select(['id', 'name'])
    .where('campaign_id', '=', campaignId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .executeTakeFirst();
}

/** The latest `n` published rounds of the campaign with at least one visit, newest first, with their sizes. */
export async function latestRounds(db: Db, campaignId: string, n: number) {
  const { rows } = await sql<{
    id: string;
    name: string;
    kind: string;
    start_date: string;
    end_date: string;
    sites: number;
    visits: number;
  }>`
    select ir.id, ir.name, ir.kind, ir.start_date, ir.end_date,
      (select count(*)::int from inspection_round_sites rs where rs.round_id = ir.id) as sites,
      (select count(*)::int from inspection_visits v where v.round_id = ir.id and v.passed + v.failed > 0) as visits
    from inspection_rounds ir
    where ir.campaign_id = ${campaignId} and ${usable}
      and exists (select 1 from inspection_visits v where v.round_id = ir.id and v.passed + v.failed > 0)
    order by ir.start_date desc, ir.created_at desc, ir.id
    limit ${n}`.execute(db);
  return rows;
}

/** The version's 实地考察 standards with site types (not the 负面清单), their 测评项目 and points. */
export async function fieldStandards(db: Db, versionId: string) {
  const rows = await versionStandards(db, versionId);
  return rows
    .filter((s) => s.method === 'field' && !s.negative && s.site_type_codes.length > 0)
    .map((s) => ({
      id: s.id,
      code: s.code,
      text: s.text,
      points: s.points,
      itemName: s.item_name ?? s.content_name,
      siteTypes: s.site_type_codes,
    }));
}

/** Pass and fail observations by (standard code, site type) over the rounds' visits. */
export async function observationsBy(db: Db, roundIds: string[]) {
  if (!roundIds.length) return [];
  const { rows } = await sql<{ code: string; site_type: string; passed: number; failed: number }>`
    select st.code, s.site_type_code as site_type,
      count(*) filter (where res.verdict = 'pass')::int as passed,
      count(*) filter (where res.verdict = 'fail')::int as failed
    from inspection_results res
    join inspection_visits v on v.id = res.visit_id
    join standards st on st.id = res.standard_id
    join sites s on s.id = v.site_id
    where v.round_id = any(${roundIds}::uuid[]) and res.verdict <> 'na'
    group by st.code, s.site_type_code`.execute(db);
  return rows;
}

/** Sampled sites by type over the rounds (how often each site type is drawn). */
export async function sampledBy(db: Db, roundIds: string[]) {
  if (!roundIds.length) return [];
  const { rows } = await sql<{ site_type: string; n: number }>`
    select s.site_type_code as site_type, count(*)::int as n
    from inspection_round_sites rs join sites s on s.id = rs.site_id
    where rs.round_id = any(${roundIds}::uuid[])
    group by s.site_type_code`.execute(db);
  return rows;
}

/** Every site type with the number of active sites of that type in the region's subtree. */
export async function siteTypesIn(db: Db, regionPath: string) {
  const { rows } = await sql<{ code: string; name: string; sort: number; registered: number }>`
    select st.code, st.name, st.sort,
      (select count(*)::int from sites s join regions r on r.id = s.region_id
        where s.site_type_code = st.code and s.active and r.path like ${`${regionPath}%`}) as registered
    from site_types st`.execute(db);
  return rows;
}

/**
 * Open problems (not closed or rejected) of the campaign's standards at sites in its region, by (standard code, site
 * type): count, distinct sites, overdue (past the deadline while the unit's clock runs), the oldest. A covert
 * round's findings count only after its release.
 */
export async function openProblemsBy(db: Db, campaignId: string, regionPath: string, codes: string[], now: Date) {
  if (!codes.length) return [];
  const { rows } = await sql<{ code: string; site_type: string; n: number; sites: number; overdue: number; oldest: Date | null }>`
    select st.code, s.site_type_code as site_type, count(*)::int as n, count(distinct p.site_id)::int as sites,
      count(*) filter (where p.state = any(${DEADLINE_STATES as string[]}::text[]) and p.deadline < ${now})::int as overdue,
      min(p.created_at) as oldest
    from problems p
    join standards st on st.id = p.standard_id
    join standard_versions sv on sv.id = st.version_id
    join sites s on s.id = p.site_id
    join regions r on r.id = p.region_id
    where sv.campaign_id = ${campaignId} and st.code = any(${codes}::text[])
      and p.state = any(${OPEN_STATES as string[]}::text[])
      and r.path like ${`${regionPath}%`}
      and ${roundPublishedSql(sql.ref('p.round_id'))}
    group by st.code, s.site_type_code`.execute(db);
  return rows;
}
