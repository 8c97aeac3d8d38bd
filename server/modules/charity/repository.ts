/** Reads of 慈善之家 organisations, projects, receipts and ledger entries (SQL only; who may act is in access.ts). */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { OrgsQuery, ProjectsQuery } from '../../../common/contracts/charity';
import type {
  CharityCategory,
  CharityDonationType,
  CharityEntryKind,
  CharityOrgKind,
  CharityOrgStatus,
  CharityProjectStatus,
} from '../../../common/charity';
import type { Actor } from '../../platform/actor';
import type { Db, Tx } from '../../platform/db';
import { visibleOrgSql } from './access';

/** SQL over an entry `e`: no later entry corrects it (it still counts). */
export const LIVE_ENTRY = sql<SqlBool>`not exists (select 1 from charity_ledger_entries c where c.corrects_id = e.id)`;

/** SQL: the sum of live entries of a kind over the entries `e` the condition picks (fen, a number). */
const liveSum = (kind: 'donation' | 'spending', where: RawBuilder<SqlBool>) =>
  sql<number>`(select coalesce(sum(e.amount_fen), 0)::int8 from charity_ledger_entries e
    where ${where} and e.kind = ${kind} and ${LIVE_ENTRY})`;

const escapeLike = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const dirOf = (order: 'asc' | 'desc') => (order === 'asc' ? sql`asc` : sql`desc`);

export interface RegionRow {
  id: string;
  name: string;
  level: string;
  path: string;
}

export function findRegion(db: Db | Tx, id: string): Promise<RegionRow | undefined> {
  return db.selectFrom('regions').select(['id', 'name', 'level', 'path']).where('id', '=', id).executeTakeFirst() as Promise<
    RegionRow | undefined
  >;
}

/** The county a region path lies in (its first county ancestor, or itself). */
export async function countyPathOf(db: Db | Tx, path: string): Promise<string> {
  const ids = path.split('/').filter(Boolean);
  const county = await db
    .selectFrom('regions')
    .select(['id', 'path'])
    .where('id', 'in', ids)
    .where('level', '=', 'county')
    .executeTakeFirst();
  return (county as { path: string } | undefined)?.path ?? path;
}

// ---- organisations -------------------------------------------------------------------------------------------------

export interface OrgRow {
  id: string;
  org_id: string;
  region_id: string;
  region_name: string;
  org_region_path: string;
  name: string;
  credit_code: string;
  kind: CharityOrgKind;
  status: CharityOrgStatus;
  registered_on: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  address: string | null;
  description: string | null;
  created_at: Date;
  version: number;
  project_count: number;
  raised_fen: number;
  spent_fen: number;
}

const ORG_COLUMNS = sql`o.id, o.id as org_id, o.region_id, r.name as region_name, r.path as org_region_path, o.name, o.credit_code,
  o.kind, o.status, o.registered_on, o.contact_name, o.contact_phone, o.address, o.description, o.created_at, o.version,
  (select count(*)::int from charity_projects p where p.org_id = o.id) as project_count,
  ${liveSum('donation', sql<SqlBool>`e.project_id in (select p.id from charity_projects p where p.org_id = o.id)`)} as raised_fen,
  ${liveSum('spending', sql<SqlBool>`e.project_id in (select p.id from charity_projects p where p.org_id = o.id)`)} as spent_fen`;
const ORG_FROM = sql`charity_organisations o join regions r on r.id = o.region_id`;

export async function findOrg(db: Db | Tx, id: string): Promise<OrgRow | undefined> {
  return (await sql<OrgRow>`select ${ORG_COLUMNS} from ${ORG_FROM} where o.id = ${id}`.execute(db)).rows[0];
}

/** Organisations in the actor's view, paged, sorted and filtered. */
export async function visibleOrgs(db: Db | Tx, actor: Actor, adminOrgs: string[], q: OrgsQuery & { pageSize: number }) {
  const where: RawBuilder<SqlBool>[] = [visibleOrgSql(actor, adminOrgs)];
  if (q.regionId) where.push(sql<SqlBool>`r.path like '%/' || ${q.regionId} || '/%'`);
  if (q.status) where.push(sql<SqlBool>`o.status = ${q.status}`);
  if (q.kind) where.push(sql<SqlBool>`o.kind = ${q.kind}`);
  if (q.search) {
    const like = escapeLike(q.search);
    where.push(sql<SqlBool>`(o.name like ${like} or o.credit_code like ${like.toUpperCase()})`);
  }
  const cond = sql.join(where, sql` and `);
  const sortCol = q.sort === 'name' ? sql`o.name` : q.sort === 'raised' ? sql`raised_fen` : sql`o.created_at`;
  const rows = await sql<OrgRow>`select ${ORG_COLUMNS} from ${ORG_FROM} where ${cond}
    order by ${sortCol} ${dirOf(q.order)}, o.id limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`.execute(db);
  const total = await sql<{ n: number }>`select count(*)::int as n from ${ORG_FROM} where ${cond}`.execute(db);
  return { rows: rows.rows, total: total.rows[0]!.n };
}

export async function orgAdmins(db: Db | Tx, orgIds: string[]): Promise<Map<string, Array<{ userId: string; name: string }>>> {
  const map = new Map<string, Array<{ userId: string; name: string }>>();
  if (!orgIds.length) return map;
  const rows = await db
    .selectFrom('charity_org_admins as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.org_id', 'a.user_id', 'u.name'])
    .where('a.org_id', 'in', orgIds)
    .orderBy('u.name')
    .execute();
  for (const r of rows) map.set(r.org_id, [...(map.get(r.org_id) ?? []), { userId: r.user_id, name: r.name }]);
  return map;
}

// ---- projects ------------------------------------------------------------------------------------------------------

export interface ProjectRow {
  id: string;
  org_id: string;
  org_name: string;
  org_region_path: string;
  org_credit_code: string;
  region_id: string;
  region_name: string;
  name: string;
  category: CharityCategory;
  goal_fen: number;
  beneficiaries: string;
  starts_on: string;
  ends_on: string | null;
  status: CharityProjectStatus;
  description: string | null;
  version: number;
  entry_count: number;
  raised_fen: number;
  spent_fen: number;
}

const PROJECT_COLUMNS = sql`p.id, p.org_id, o.name as org_name, r.path as org_region_path, o.credit_code as org_credit_code,
  p.region_id, pr.name as region_name, p.name, p.category, p.goal_fen, p.beneficiaries, p.starts_on, p.ends_on, p.status,
  p.description, p.version,
  (select count(*)::int from charity_ledger_entries e where e.project_id = p.id) as entry_count,
  ${liveSum('donation', sql<SqlBool>`e.project_id = p.id`)} as raised_fen,
  ${liveSum('spending', sql<SqlBool>`e.project_id = p.id`)} as spent_fen`;
/** `r` is the organisation's region (the scope), `pr` the project's (where it is carried out). */
const PROJECT_FROM = sql`charity_projects p join charity_organisations o on o.id = p.org_id
  join regions r on r.id = o.region_id join regions pr on pr.id = p.region_id`;

export async function findProject(db: Db | Tx, id: string): Promise<ProjectRow | undefined> {
  return (await sql<ProjectRow>`select ${PROJECT_COLUMNS} from ${PROJECT_FROM} where p.id = ${id}`.execute(db)).rows[0];
}

export interface ProjectFilter extends Omit<ProjectsQuery, 'sort'> {
  sort: ProjectsQuery['sort'];
}

/** Projects the condition admits (the actor's view, or the public's), paged, sorted and filtered. */
export async function listProjects(db: Db | Tx, visible: RawBuilder<SqlBool>, q: ProjectFilter) {
  const where: RawBuilder<SqlBool>[] = [visible];
  if (q.orgId) where.push(sql<SqlBool>`p.org_id = ${q.orgId}`);
  if (q.regionId) where.push(sql<SqlBool>`pr.path like '%/' || ${q.regionId} || '/%'`);
  if (q.status) where.push(sql<SqlBool>`p.status = ${q.status}`);
  if (q.category) where.push(sql<SqlBool>`p.category = ${q.category}`);
  if (q.search) {
    const like = escapeLike(q.search);
    where.push(sql<SqlBool>`(p.name like ${like} or o.name like ${like})`);
  }
  const cond = sql.join(where, sql` and `);
  const sortCol =
    q.sort === 'name' ? sql`p.name` : q.sort === 'raised' ? sql`raised_fen` : q.sort === 'starts_on' ? sql`p.starts_on` : sql`p.created_at`;
  const rows = await sql<ProjectRow>`select ${PROJECT_COLUMNS} from ${PROJECT_FROM} where ${cond}
    order by ${sortCol} ${dirOf(q.order)}, p.id limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`.execute(db);
  const total = await sql<{ n: number }>`select count(*)::int as n from ${PROJECT_FROM} where ${cond}`.execute(db);
  return { rows: rows.rows, total: total.rows[0]!.n };
}

// ---- ledger --------------------------------------------------------------------------------------------------------

export interface EntryRow {
  id: string;
  project_id: string;
  entry_no: number;
  kind: CharityEntryKind;
  donation_type: CharityDonationType | null;
  amount_fen: number;
  goods_description: string | null;
  goods_quantity: string | null;
  donor_name: string | null;
  donor_contact: string | null;
  occurred_on: string;
  purpose: string;
  corrects_id: string | null;
  reason: string | null;
  corrected_by_id: string | null;
  recorded_by_name: string;
  created_at: Date;
}

export interface ReceiptRow {
  id: string;
  entry_id: string | null;
  original_name: string;
  mime: string;
  size_bytes: number;
}

/** Every entry of a project, in the order written, with who corrected it. */
export async function projectEntries(db: Db | Tx, projectId: string): Promise<EntryRow[]> {
  return (
    await sql<EntryRow>`select e.id, e.project_id, e.entry_no, e.kind, e.donation_type, e.amount_fen, e.goods_description,
      e.goods_quantity, e.donor_name, e.donor_contact, e.occurred_on, e.purpose, e.corrects_id, e.reason, e.created_at,
      u.name as recorded_by_name,
      (select c.id from charity_ledger_entries c where c.corrects_id = e.id) as corrected_by_id
    from charity_ledger_entries e join users u on u.id = e.recorded_by
    where e.project_id = ${projectId} order by e.entry_no`.execute(db)
  ).rows;
}

/** The receipts attached to the project's entries. */
export async function entryReceipts(db: Db | Tx, projectId: string): Promise<ReceiptRow[]> {
  return (
    await sql<ReceiptRow>`select cr.id, er.entry_id, cr.original_name, cr.mime, cr.size_bytes
    from charity_entry_receipts er join charity_receipts cr on cr.id = er.receipt_id
    join charity_ledger_entries e on e.id = er.entry_id
    where e.project_id = ${projectId} order by cr.created_at, cr.id`.execute(db)
  ).rows;
}

/** Volunteer activities linked to the project. */
export async function linkedActivities(db: Db | Tx, projectId: string) {
  return db
    .selectFrom('charity_project_activities as l')
    .innerJoin('volunteer_activities as a', 'a.id', 'l.activity_id')
    .select(['a.id', 'a.title', 'a.starts_at', 'a.place', 'a.state'])
    .where('l.project_id', '=', projectId)
    .orderBy('a.starts_at')
    .execute();
}
