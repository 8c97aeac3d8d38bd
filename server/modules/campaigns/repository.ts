/** SQL for campaigns, leading-group members and their unit links. */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../platform/db';
import type { DB } from '../../platform/schema';

export type CampaignScope = (eb: ExpressionBuilder<DB & { r: DB['regions'] }, 'campaigns' | 'r'>) => Expression<SqlBool>;

const SORT = { name: 'campaigns.name', cycleStartYear: 'campaigns.cycle_start_year', status: 'campaigns.status' } as const;

function base(db: Db, scope: CampaignScope, f: { search?: string; status?: string }) {
  let q = db
    .selectFrom('campaigns')
    .innerJoin('regions as r', 'r.id', 'campaigns.region_id')
    .where((eb) => scope(eb as never));
  if (f.search) q = q.where('campaigns.name', 'like', `%${f.search}%`);
  if (f.status) q = q.where('campaigns.status', '=', f.status);
  return q;
}

/** A page of campaigns. */
export async function listCampaigns(
  db: Db,
  scope: CampaignScope,
  f: { search?: string; status?: string },
  page: { limit: number; offset: number; sort: keyof typeof SORT; order: 'asc' | 'desc' },
) {
  const [items, total] = await Promise.all([
    base(db, scope, f)
      .selectAll('campaigns')
      .select(['r.name as region_name', 'r.path as region_path'])
      .orderBy(SORT[page.sort], page.order)
      .orderBy('campaigns.name')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base(db, scope, f)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

/** One campaign with its region. */
export function findCampaign(db: Db | Tx, id: string) {
  return db
    .selectFrom('campaigns')
    .innerJoin('regions as r', 'r.id', 'campaigns.region_id')
    .selectAll('campaigns')
    .select(['r.name as region_name', 'r.path as region_path'])
    .where('campaigns.id', '=', id)
    .executeTakeFirst();
}
export type CampaignRow = NonNullable<Awaited<ReturnType<typeof findCampaign>>>;

/** The leading group with each member's linked units. */
export async function leadingGroup(db: Db, campaignId: string) {
  const members = await db
    .selectFrom('leading_group_members')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('sort')
    .orderBy('created_at')
    .execute();
  const links = members.length
    ? await db
        .selectFrom('leading_group_unit_links as l')
        .innerJoin('units as u', 'u.id', 'l.unit_id')
        .select(['l.member_id', 'u.id', 'u.name'])
        .where(
          'l.member_id',
          'in',
          members.map((m) => m.id),
        )
        .orderBy('u.name')
        .execute()
    : [];
  return members.map((m) => ({ ...m, units: links.filter((l) => l.member_id === m.id).map((l) => ({ id: l.id, name: l.name })) }));
}

/** Users holding the task-force role for this campaign. */
export function taskforce(db: Db, campaignId: string) {
  return db
    .selectFrom('user_roles as ur')
    .innerJoin('users as u', 'u.id', 'ur.user_id')
    .select(['u.id as userId', 'u.name', 'u.username'])
    .where('ur.role', '=', 'taskforce')
    .where('ur.scope_type', '=', 'campaign')
    .where('ur.scope_id', '=', campaignId)
    .orderBy('u.name')
    .execute();
}

/** Replaces a member's unit links. */
export async function setMemberUnits(tx: Tx, memberId: string, unitIds: string[]) {
  await tx.deleteFrom('leading_group_unit_links').where('member_id', '=', memberId).execute();
  if (unitIds.length)
    await tx
      .insertInto('leading_group_unit_links')
      .values([...new Set(unitIds)].map((unit_id) => ({ member_id: memberId, unit_id })))
      .execute();
}

/** How many of the given unit ids exist. */
export async function countUnits(db: Db | Tx, ids: string[]) {
  if (!ids.length) return 0;
  const r = await db
    .selectFrom('units')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('id', 'in', [...new Set(ids)])
    .executeTakeFirstOrThrow();
  return r.n;
}
