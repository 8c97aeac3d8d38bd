/** Reads of 奖惩兑现 rules and entries (SQL only; no rules of who may act). */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../platform/db';

/* ---------------------------------------------------------------- rules */

const ruleSelect = (db: Db | Tx) =>
  db
    .selectFrom('reward_rules as rr')
    .innerJoin('campaigns as c', 'c.id', 'rr.campaign_id')
    .innerJoin('regions as r', 'r.id', 'c.region_id')
    .selectAll('rr')
    .select([
      'r.path as region_path',
      sql<string | null>`(select s.name from evaluation_schemes s where s.scheme_key = rr.scheme_key order by s.version desc limit 1)`.as(
        'scheme_name',
      ),
    ])
    .where('rr.retired_at', 'is', null);

export function findRule(db: Db | Tx, id: string) {
  return ruleSelect(db).where('rr.id', '=', id).executeTakeFirst();
}
export type RuleRow = NonNullable<Awaited<ReturnType<typeof findRule>>>;

/** The rules (not retired) the `scope` SQL admits (over `rr`, `r`), optionally of one campaign or scheme family. */
export function listRules(db: Db, scope: RawBuilder<SqlBool>, q: { campaignId?: string; schemeKey?: string }) {
  let base = ruleSelect(db).where(() => scope);
  if (q.campaignId) base = base.where('rr.campaign_id', '=', q.campaignId);
  if (q.schemeKey) base = base.where('rr.scheme_key', '=', q.schemeKey);
  return base.orderBy('rr.scheme_key', 'asc').orderBy('rr.seq').execute();
}

/** Active rules for a run: its scheme family's, or else its campaign's (scheme_key null); none → the shipped defaults. */
export async function rulesForRun(db: Db | Tx, campaignId: string, schemeKey: string) {
  const rows = await db
    .selectFrom('reward_rules')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('retired_at', 'is', null)
    .where((eb) => eb.or([eb('scheme_key', '=', schemeKey), eb('scheme_key', 'is', null)]))
    .orderBy('seq')
    .execute();
  const own = rows.filter((r) => r.scheme_key === schemeKey);
  // A family with rules of its own (even all switched off) uses them; else the campaign's.
  if (own.length) return { source: 'scheme' as const, rules: own.filter((r) => r.active) };
  const campaign = rows.filter((r) => r.scheme_key === null);
  if (campaign.length) return { source: 'campaign' as const, rules: campaign.filter((r) => r.active) };
  return { source: 'default' as const, rules: [] };
}

/* ---------------------------------------------------------------- entries */

const entrySelect = (db: Db | Tx) =>
  db
    .selectFrom('reward_entries as re')
    .innerJoin('evaluation_runs as e', 'e.id', 're.run_id')
    .innerJoin('evaluation_schemes as s', 's.id', 'e.scheme_id')
    .innerJoin('campaigns as c', 'c.id', 're.campaign_id')
    .innerJoin('regions as r', 'r.id', 'c.region_id')
    .leftJoin('users as ua', 'ua.id', 're.approved_by')
    .leftJoin('users as uf', 'uf.id', 're.fulfilled_by')
    .leftJoin('files as f', 'f.id', 're.proof_file_id')
    .selectAll('re')
    .select([
      'e.revision as run_revision',
      'e.state as run_state',
      's.name as scheme_name',
      'r.path as region_path',
      'ua.name as approved_by_name',
      'uf.name as fulfilled_by_name',
      'f.original_name as proof_file_name',
    ]);

export function findEntry(db: Db | Tx, id: string) {
  return entrySelect(db).where('re.id', '=', id).executeTakeFirst();
}
export type EntryRow = NonNullable<Awaited<ReturnType<typeof findEntry>>>;

export const ENTRY_SORTS = ['period', 'subjectName', 'kind', 'state', 'amount', 'proposedAt'] as const;
export type EntrySort = (typeof ENTRY_SORTS)[number];
const SORT_COLUMN = {
  period: 're.period',
  subjectName: 're.subject_name',
  kind: 're.kind',
  state: 're.state',
  amount: 're.amount',
  proposedAt: 're.proposed_at',
} as const;

export interface EntryFilter {
  campaignId?: string;
  year?: number;
  period?: string;
  unitId?: string;
  runId?: string;
  kind?: string;
  state?: string;
  flagged?: boolean;
}

function filtered(db: Db | Tx, visible: RawBuilder<SqlBool>, q: EntryFilter) {
  let base = entrySelect(db).where(() => visible);
  if (q.campaignId) base = base.where('re.campaign_id', '=', q.campaignId);
  if (q.year) base = base.where('re.period', 'like', `${q.year}-%`);
  if (q.period) base = base.where('re.period', '=', q.period);
  if (q.unitId) base = base.where('re.subject_id', '=', q.unitId);
  if (q.runId) base = base.where('re.run_id', '=', q.runId);
  if (q.kind) base = base.where('re.kind', '=', q.kind as never);
  if (q.state) base = base.where('re.state', '=', q.state as never);
  if (q.flagged !== undefined) base = base.where('re.flagged', '=', q.flagged);
  return base;
}

/** A page of entries the `visible` SQL admits (over `re`, `r`). */
export async function listEntries(
  db: Db,
  visible: RawBuilder<SqlBool>,
  q: EntryFilter & { sort: EntrySort; order: 'asc' | 'desc' },
  limit: number,
  offset: number,
) {
  const base = filtered(db, visible, q);
  const [rows, total] = await Promise.all([
    base
      .orderBy(SORT_COLUMN[q.sort], q.order)
      .orderBy('re.period', 'desc')
      .orderBy('re.group_index')
      .orderBy('re.rank')
      .orderBy('re.subject_name')
      .orderBy('re.subject_id')
      .orderBy('re.position')
      .orderBy('re.id')
      .limit(limit)
      .offset(offset)
      .execute(),
    base
      .clearSelect()
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

/** Per subject and kind, the year's entries by state, amounts and points (withdrawn ones left out). */
export function yearTotals(db: Db, visible: RawBuilder<SqlBool>, q: { year: number; campaignId?: string; unitId?: string }) {
  return filtered(db, visible, { year: q.year, campaignId: q.campaignId, unitId: q.unitId })
    .clearSelect()
    .where('re.state', '!=', 'withdrawn')
    .select([
      're.subject_type',
      're.subject_id',
      sql<string>`min(re.subject_name)`.as('subject_name'),
      're.kind',
      sql<number>`count(*) filter (where re.state = 'proposed')::int`.as('proposed'),
      sql<number>`count(*) filter (where re.state in ('approved', 'fulfilled'))::int`.as('promised'),
      sql<number>`count(*) filter (where re.state = 'fulfilled')::int`.as('fulfilled'),
      sql<number>`coalesce(sum(re.amount) filter (where re.state in ('approved', 'fulfilled')), 0)::float8`.as('promised_amount'),
      sql<number>`coalesce(sum(re.amount) filter (where re.state = 'fulfilled'), 0)::float8`.as('fulfilled_amount'),
      sql<number>`coalesce(sum(re.points) filter (where re.state in ('approved', 'fulfilled')), 0)::float8`.as('promised_points'),
      sql<number>`coalesce(sum(re.points) filter (where re.state = 'fulfilled'), 0)::float8`.as('fulfilled_points'),
    ])
    .groupBy(['re.subject_type', 're.subject_id', 're.kind'])
    .orderBy(sql`min(re.subject_name)`)
    .orderBy('re.subject_id')
    .execute();
}
