/** 好人之城 SQL: selections with their counts, nominations with their files and forwarding, categories. No rules here. */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../platform/db';
import type { NominationSource, NominationState, SelectionKind, SelectionState } from '../../../common/honours';

export interface SelectionRow {
  id: string;
  region_id: string;
  region_name: string;
  region_level: string;
  region_path: string;
  kind: SelectionKind;
  title: string;
  period: string;
  categories: string[];
  category_quotas: Record<string, number>;
  description: string | null;
  nomination_starts_on: string;
  nomination_ends_on: string;
  voting_starts_on: string;
  voting_ends_on: string;
  publish_on: string;
  winners_count: number;
  vote_weight: number;
  review_weight: number;
  state: SelectionState;
  published_at: Date | null;
  created_at: Date;
  version: number;
  nominations: number;
  pending: number;
  candidates: number;
  votes: number;
  flagged: number;
}

const SELECTION_COLUMNS = sql`s.id, s.region_id, r.name as region_name, r.level as region_level, r.path as region_path, s.kind,
  s.title, s.period, s.categories, s.category_quotas, s.description, s.nomination_starts_on::text as nomination_starts_on,
  s.nomination_ends_on::text as nomination_ends_on, s.voting_starts_on::text as voting_starts_on,
  s.voting_ends_on::text as voting_ends_on, s.publish_on::text as publish_on, s.winners_count,
  s.vote_weight::float8 as vote_weight, s.review_weight::float8 as review_weight, s.state, s.published_at, s.created_at, s.version,
  (select count(*)::int from honour_nominations n where n.selection_id = s.id) as nominations,
  (select count(*)::int from honour_nominations n where n.selection_id = s.id and n.state = 'submitted') as pending,
  (select count(*)::int from honour_nominations n where n.selection_id = s.id and n.state = 'approved') as candidates,
  (select count(*)::int from honour_votes v where v.selection_id = s.id and not v.is_excluded) as votes,
  (select count(distinct f.vote_id)::int from honour_vote_flags f join honour_votes v on v.id = f.vote_id
     where f.selection_id = s.id and not v.is_excluded) as flagged`;

/** One selection with its region and counts. */
export async function findSelection(db: Db | Tx, id: string): Promise<SelectionRow | undefined> {
  const r = await sql<SelectionRow>`select ${SELECTION_COLUMNS} from honour_selections s join regions r on r.id = s.region_id
    where s.id = ${id}`.execute(db);
  return r.rows[0];
}

/** Locks a selection row (votes and exclusions of one selection take turns with publication). */
export async function lockSelection(tx: Tx, id: string): Promise<void> {
  await sql`select id from honour_selections where id = ${id} for update`.execute(tx);
}

export interface SelectionFilter {
  kind?: string;
  state?: string;
  regionId?: string;
  search?: string;
  sort: 'created_at' | 'voting_starts_on' | 'period' | 'title';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** A page of selections the `visible` SQL admits. */
export async function listSelections(db: Db, visible: RawBuilder<SqlBool>, f: SelectionFilter) {
  const where = sql.join(
    [
      visible,
      f.kind ? sql`s.kind = ${f.kind}` : sql`true`,
      f.state ? sql`s.state = ${f.state}` : sql`true`,
      f.regionId ? sql`s.region_id = ${f.regionId}` : sql`true`,
      f.search ? sql`s.title like ${'%' + f.search.replace(/[%_\\]/g, (c) => '\\' + c) + '%'}` : sql`true`,
    ],
    sql` and `,
  );
  const order = sql.raw(`s.${f.sort} ${f.order === 'asc' ? 'asc' : 'desc'}, s.id`);
  const rows = await sql<SelectionRow>`select ${SELECTION_COLUMNS} from honour_selections s join regions r on r.id = s.region_id
    where ${where} order by ${order} limit ${f.limit} offset ${f.offset}`.execute(db);
  const total = await sql<{ n: number }>`select count(*)::int as n from honour_selections s join regions r on r.id = s.region_id
    where ${where}`.execute(db);
  return { rows: rows.rows, total: total.rows[0].n };
}

export interface NominationRow {
  id: string;
  selection_id: string;
  selection_title: string;
  region_path: string;
  category_code: string;
  category_name: string;
  nominee_name: string;
  gender: 'male' | 'female' | null;
  age: number | null;
  affiliation: string | null;
  headline: string;
  story: string;
  source: NominationSource;
  nominating_unit_id: string | null;
  unit_name: string | null;
  nominated_by: string | null;
  recommender_name: string | null;
  contact_name: string;
  contact_phone: string;
  state: NominationState;
  verification_note: string | null;
  reject_reason: string | null;
  verified_at: Date | null;
  review_score: number | null;
  is_winner: boolean;
  forwarded_from_id: string | null;
  forwarded_from: { id: string; selectionTitle: string; regionName: string } | null;
  forwarded_to: Array<{ id: string; selectionTitle: string; regionName: string }>;
  photos: Array<{ fileId: string }>;
  materials: Array<{ fileId: string; name: string | null }>;
  created_at: Date;
  version: number;
}

const NOMINATION_COLUMNS = sql`n.id, n.selection_id, s.title as selection_title, r.path as region_path, n.category_code,
  coalesce(c.name, n.category_code) as category_name, n.nominee_name, n.gender, n.age, n.affiliation, n.headline, n.story,
  n.source, n.nominating_unit_id, u.name as unit_name, n.nominated_by, n.recommender_name, n.contact_name, n.contact_phone,
  n.state, n.verification_note, n.reject_reason, n.verified_at, n.review_score::float8 as review_score, n.is_winner,
  n.forwarded_from_id, n.created_at, n.version,
  (select json_build_object('id', fn.id, 'selectionTitle', fs.title, 'regionName', fr.name) from honour_nominations fn
     join honour_selections fs on fs.id = fn.selection_id join regions fr on fr.id = fs.region_id
     where fn.id = n.forwarded_from_id) as forwarded_from,
  coalesce((select json_agg(json_build_object('id', tn.id, 'selectionTitle', ts.title, 'regionName', tr.name) order by tn.created_at)
     from honour_nominations tn join honour_selections ts on ts.id = tn.selection_id join regions tr on tr.id = ts.region_id
     where tn.forwarded_from_id = n.id), '[]') as forwarded_to,
  coalesce((select json_agg(json_build_object('fileId', nf.file_id) order by nf.sort, nf.file_id) from honour_nomination_files nf
     where nf.nomination_id = n.id and nf.kind = 'photo'), '[]') as photos,
  coalesce((select json_agg(json_build_object('fileId', nf.file_id, 'name', ff.original_name) order by nf.sort, nf.file_id)
     from honour_nomination_files nf join files ff on ff.id = nf.file_id
     where nf.nomination_id = n.id and nf.kind = 'material'), '[]') as materials`;

const NOMINATION_FROM = sql`honour_nominations n join honour_selections s on s.id = n.selection_id join regions r on r.id = s.region_id
  left join honour_categories c on c.code = n.category_code left join units u on u.id = n.nominating_unit_id`;

/** One nomination with its selection's region, files and forwarding. */
export async function findNomination(db: Db | Tx, id: string): Promise<NominationRow | undefined> {
  const r = await sql<NominationRow>`select ${NOMINATION_COLUMNS} from ${NOMINATION_FROM} where n.id = ${id}`.execute(db);
  return r.rows[0];
}

export interface NominationFilter {
  state?: string;
  source?: string;
  categoryCode?: string;
  search?: string;
  sort: 'created_at' | 'nominee_name' | 'category_code';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** A page of a selection's nominations the `visible` SQL admits. */
export async function listNominations(db: Db, selectionId: string, visible: RawBuilder<SqlBool>, f: NominationFilter) {
  const where = sql.join(
    [
      sql`n.selection_id = ${selectionId}`,
      visible,
      f.state ? sql`n.state = ${f.state}` : sql`true`,
      f.source ? sql`n.source = ${f.source}` : sql`true`,
      f.categoryCode ? sql`n.category_code = ${f.categoryCode}` : sql`true`,
      f.search ? sql`(n.nominee_name like ${'%' + f.search + '%'} or n.headline like ${'%' + f.search + '%'})` : sql`true`,
    ],
    sql` and `,
  );
  const order = sql.raw(`n.${f.sort} ${f.order === 'asc' ? 'asc' : 'desc'}, n.id`);
  const rows = await sql<NominationRow>`select ${NOMINATION_COLUMNS} from ${NOMINATION_FROM} where ${where}
    order by ${order} limit ${f.limit} offset ${f.offset}`.execute(db);
  const total = await sql<{ n: number }>`select count(*)::int as n from ${NOMINATION_FROM} where ${where}`.execute(db);
  return { rows: rows.rows, total: total.rows[0].n };
}

/** The active categories (reference data). */
export async function listCategories(db: Db | Tx) {
  const r = await sql<{ code: string; name: string; description: string | null }>`select code, name, description
    from honour_categories where active order by sort, code`.execute(db);
  return r.rows;
}

/** Whether a region is an ancestor of another (by path). */
export async function regionPathOf(db: Db | Tx, regionId: string) {
  const r = await sql<{
    id: string;
    path: string;
    level: string;
    name: string;
  }>`select id, path, level, name from regions where id = ${regionId}`.execute(db);
  return r.rows[0];
}
