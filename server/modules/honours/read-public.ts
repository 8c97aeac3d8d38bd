/**
 * The public side of 好人之城 (anonymous, /api/public/honours): selections from their nomination period on (so a
 * resident can find one to nominate for — 推荐中, 审核中, 投票中, 评审中, 已公布), each candidate's story and photos
 * (re-encoded copies without EXIF), the counted votes, and the 好人榜 of published winners by month and category.
 * Candidates are public only from the voting window on, and only verified (approved) ones: during nomination and
 * verification a selection shows none. Never a contact, a recommender, a nominating unit's people or a rejected or
 * unverified nomination.
 */
import { sql } from 'kysely';
import sharp from 'sharp';
import type { z } from 'zod';
import type { publicHonourRollQuery, publicSelectionsQuery } from '../../../common/contracts/honours';
import { beijingDay } from '../../../common/honours';
import type { Ctx } from '../../platform/context';
import type { Db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import type { FileStorage } from '../../platform/storage';
import { findFile } from '../files/repository';
import { presentPublicSelection } from './presenter';
import { findSelection, listCategories, type SelectionRow } from './repository';

/** A selection is listed from its nomination period on (and once published). */
const PUBLIC_SQL = (today: string) => sql`(s.state = 'published' or s.nomination_starts_on <= ${today}::date)`;

/** Its candidates are shown from the voting window on (and once published). */
const candidatesShown = (s: SelectionRow, today: string) => s.state === 'published' || s.voting_starts_on <= today;

const notPublic = () => new AppError('not_found', '评选不存在或尚未公示');

interface CandidateRow {
  id: string;
  selection_id: string;
  category_code: string;
  category_name: string;
  nominee_name: string;
  gender: 'male' | 'female' | null;
  age: number | null;
  affiliation: string | null;
  headline: string;
  story: string;
  photo_ids: string[];
  votes: number;
  is_winner: boolean;
  forwarded_from: string | null;
}

const CANDIDATE_COLUMNS = sql`n.id, n.selection_id, n.category_code, coalesce(c.name, n.category_code) as category_name,
  n.nominee_name, n.gender, n.age, n.affiliation, n.headline, n.story,
  coalesce((select array_agg(f.file_id order by f.sort, f.file_id) from honour_nomination_files f where f.nomination_id = n.id and f.kind = 'photo'), '{}') as photo_ids,
  (select count(*)::int from honour_votes v where v.candidate_id = n.id and not v.is_excluded) as votes, n.is_winner,
  (select fr.name from honour_nominations fn join honour_selections fs on fs.id = fn.selection_id join regions fr on fr.id = fs.region_id
     where fn.id = n.forwarded_from_id) as forwarded_from`;

const presentCandidate = (c: CandidateRow) => ({
  id: c.id,
  selectionId: c.selection_id,
  categoryCode: c.category_code,
  categoryName: c.category_name,
  nomineeName: c.nominee_name,
  gender: c.gender,
  age: c.age,
  affiliation: c.affiliation,
  headline: c.headline,
  story: c.story,
  photoIds: c.photo_ids,
  votes: c.votes,
  isWinner: c.is_winner,
  forwardedFrom: c.forwarded_from,
});

/** The public selection, or 404 when it does not exist or its nomination period has not begun. */
async function publicSelectionRow(ctx: Ctx, id: string): Promise<SelectionRow> {
  const s = await findSelection(ctx.db, id);
  if (!s || (s.state !== 'published' && s.nomination_starts_on > beijingDay(ctx.clock.now()))) throw notPublic();
  return s;
}

/** Selections on display (from nomination on, or published), newest first; by county and month. */
export async function readPublicSelections(ctx: Ctx, q: z.output<typeof publicSelectionsQuery>) {
  const today = beijingDay(ctx.clock.now());
  const where = sql.join(
    [
      PUBLIC_SQL(today),
      q.countyCode ? sql`exists (select 1 from regions cr where cr.code = ${q.countyCode} and r.path like cr.path || '%')` : sql`true`,
      q.month ? sql`s.period = ${q.month}` : sql`true`,
    ],
    sql` and `,
  );
  const ids = await sql<{ id: string }>`select s.id from honour_selections s join regions r on r.id = s.region_id where ${where}
    order by s.nomination_starts_on desc, s.id limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`.execute(ctx.db);
  const total = await sql<{
    n: number;
  }>`select count(*)::int as n from honour_selections s join regions r on r.id = s.region_id where ${where}`.execute(ctx.db);
  const now = ctx.clock.now();
  const items = [];
  for (const { id } of ids.rows) items.push(presentPublicSelection((await findSelection(ctx.db, id))!, now));
  return { items, total: total.rows[0].n };
}

/** One selection on display with its candidates (approved nominations; none before the voting window). */
export async function readPublicSelection(ctx: Ctx, id: string) {
  const s = await publicSelectionRow(ctx, id);
  const rows = candidatesShown(s, beijingDay(ctx.clock.now()))
    ? await sql<CandidateRow>`select ${CANDIDATE_COLUMNS} from honour_nominations n
        left join honour_categories c on c.code = n.category_code
        where n.selection_id = ${s.id} and n.state = 'approved' order by c.sort, n.created_at, n.id`.execute(ctx.db)
    : { rows: [] as CandidateRow[] };
  const cats = (await listCategories(ctx.db)).filter((c) => s.categories.includes(c.code)).map((c) => ({ code: c.code, name: c.name }));
  return {
    selection: presentPublicSelection(s, ctx.clock.now()),
    categories: cats,
    candidates: rows.rows.map(presentCandidate),
    forwardedCount: rows.rows.filter((r) => r.forwarded_from).length,
  };
}

/** One candidate on display. */
export async function readPublicCandidate(ctx: Ctx, id: string) {
  const r = await sql<CandidateRow>`select ${CANDIDATE_COLUMNS} from honour_nominations n
    left join honour_categories c on c.code = n.category_code where n.id = ${id} and n.state = 'approved'`.execute(ctx.db);
  const c = r.rows[0];
  if (!c) throw new AppError('not_found', '候选人不存在');
  const s = await publicSelectionRow(ctx, c.selection_id).catch(() => {
    throw new AppError('not_found', '候选人不存在');
  });
  if (!candidatesShown(s, beijingDay(ctx.clock.now()))) throw new AppError('not_found', '候选人不存在');
  return { selection: presentPublicSelection(s, ctx.clock.now()), candidate: presentCandidate(c) };
}

/** 好人榜: published winners by month (the latest by default) and category, in a county. */
export async function readHonourRoll(ctx: Ctx, q: z.output<typeof publicHonourRollQuery>) {
  const county = q.countyCode
    ? sql`exists (select 1 from regions cr where cr.code = ${q.countyCode} and r.path like cr.path || '%')`
    : sql`true`;
  const months = await sql<{
    month: string;
  }>`select distinct s.period as month from honour_selections s join regions r on r.id = s.region_id
    where s.state = 'published' and s.kind = 'monthly' and ${county} order by 1 desc limit 36`.execute(ctx.db);
  const month = q.month ?? months.rows[0]?.month ?? null;
  const categories = (await listCategories(ctx.db)).map((c) => ({ code: c.code, name: c.name }));
  if (!month) return { months: [], month: null, categories, items: [] };
  const rows = await sql<CandidateRow & { selection_title: string; region_name: string; period: string }>`select ${CANDIDATE_COLUMNS},
      s.title as selection_title, r.name as region_name, s.period
    from honour_nominations n join honour_selections s on s.id = n.selection_id join regions r on r.id = s.region_id
      left join honour_categories c on c.code = n.category_code
    where s.state = 'published' and s.kind = 'monthly' and s.period = ${month} and n.is_winner and ${county}
      ${q.categoryCode ? sql`and n.category_code = ${q.categoryCode}` : sql``}
    order by c.sort, n.nominee_name, n.id`.execute(ctx.db);
  return {
    months: months.rows.map((m) => m.month),
    month,
    categories,
    items: rows.rows.map((r) => ({
      ...presentCandidate(r),
      selectionTitle: r.selection_title,
      regionName: r.region_name,
      period: r.period,
    })),
  };
}

/** The public copy of a candidate's photo: decoded and re-encoded (no EXIF: no GPS, camera or time), upright, ≤ 1280 px. */
export async function publicCandidatePhoto(ctx: Ctx, db: Db, storage: FileStorage, candidateId: string, fileId: string): Promise<Buffer> {
  const { candidate } = await readPublicCandidate(ctx, candidateId);
  if (!candidate.photoIds.includes(fileId)) throw new AppError('not_found', '照片不存在');
  const file = await findFile(db, fileId);
  if (!file) throw new AppError('not_found', '照片不存在');
  const original = await storage.get(file.original_key);
  return sharp(original, { limitInputPixels: 150_000_000 })
    .rotate()
    .resize({ width: 1280, height: 1280, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 80, mozjpeg: true })
    .toBuffer();
}
