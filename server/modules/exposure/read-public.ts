/**
 * The public board (/api/public/…): published items only — a draft, a submitted or a taken-down item does not exist
 * here (404) — each unit's public record, and the red and black lists of PUBLISHED ranking runs. Nothing internal is
 * selected at all (repository.ts's public queries name their columns), so nothing internal can be presented.
 */
import type { z } from 'zod';
import type { publicRankings } from '../../../common/contracts/exposure';
import { periodEnd, periodLabel, periodStart } from '../../../common/period';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { presentPublicExposure, presentPublicItem } from './presenter';
import { findPublic, listPublic, publicFacets, publicPhotosOf, publishedRankings, unitRecords, type PublicFilter } from './repository';

type ListQuery = { page: number; pageSize: number; month?: string; regionId?: string; unitId?: string };

const filterOf = (q: { month?: string; regionId?: string; unitId?: string }): PublicFilter => ({
  month: q.month ? { start: periodStart(q.month), end: periodEnd(q.month) } : undefined,
  regionId: q.regionId,
  unitId: q.unitId,
});

export async function readPublicList(ctx: Ctx, q: ListQuery) {
  const { rows, total } = await listPublic(ctx.db, filterOf(q), q.pageSize, (q.page - 1) * q.pageSize);
  const now = ctx.clock.now();
  return { items: rows.map((r) => presentPublicItem(r, now)), total };
}

export async function readPublicExposure(ctx: Ctx, id: string) {
  const e = await findPublic(ctx.db, id);
  if (!e) throw notFound('曝光');
  return presentPublicExposure(e, await publicPhotosOf(ctx.db, id), ctx.clock.now());
}

/** The storage key of a published item's public copy; an after-photo only once the problem is fixed. */
export async function publicPhotoKey(ctx: Ctx, id: string, photoId: string): Promise<string> {
  const e = await findPublic(ctx.db, id);
  if (!e) throw notFound('照片');
  const ph = (await publicPhotosOf(ctx.db, id)).find((p) => p.id === photoId);
  if (!ph || !ph.public_key || (ph.stage === 'after' && !e.fixed_at)) throw notFound('照片');
  return ph.public_key;
}

export async function readPublicFilters(ctx: Ctx, q: { regionId?: string }) {
  const f = await publicFacets(ctx.db, q.regionId);
  return {
    months: f.months.map((m) => ({ period: m.period, label: periodLabel(m.period), count: m.n })),
    towns: f.towns,
    units: f.units,
  };
}

export async function readUnitRecords(ctx: Ctx, q: { page: number; pageSize: number; regionId?: string }) {
  const { rows, total } = await unitRecords(ctx.db, ctx.clock.now(), { regionId: q.regionId }, q.pageSize, (q.page - 1) * q.pageSize);
  return {
    items: rows.map((r) => ({ unitId: r.unit_id!, unitName: r.unit_name, exposed: r.exposed, fixed: r.fixed, overdue: r.overdue })),
    total,
  };
}

/** One unit's public record and its published items (a unit with nothing published: 404). */
export async function readUnitRecord(ctx: Ctx, unitId: string) {
  const { rows } = await unitRecords(ctx.db, ctx.clock.now(), { unitId }, 1, 0);
  const r = rows[0];
  if (!r) throw notFound('单位的曝光记录');
  const items = await listPublic(ctx.db, { unitId }, 100, 0);
  const now = ctx.clock.now();
  return {
    unitId: r.unit_id!,
    unitName: r.unit_name,
    exposed: r.exposed,
    fixed: r.fixed,
    overdue: r.overdue,
    items: items.rows.map((x) => presentPublicItem(x, now)),
  };
}

export async function readPublicRankings(ctx: Ctx, q: { period?: string; regionId?: string }): Promise<z.infer<typeof publicRankings>> {
  const runs = await publishedRankings(ctx.db, q);
  if (!runs.length)
    return { published: false, message: q.period ? `${periodLabel(q.period)}的红黑榜尚未发布` : '红黑榜尚未发布', rankings: [] };
  return {
    published: true,
    message: null,
    rankings: runs.map(({ run, results }) => {
      const groups = new Map<number, { name: string; red: Entry[]; black: Entry[] }>();
      for (const x of results) {
        let g = groups.get(x.group_index);
        if (!g) groups.set(x.group_index, (g = { name: x.group_name, red: [], black: [] }));
        (x.list === 'red' ? g.red : g.black).push({ rank: x.rank, name: x.subject_name, score: Math.round(x.score * 100) / 100 });
      }
      return {
        runId: run.id,
        schemeName: run.scheme_name,
        regionName: run.region_name,
        period: run.period,
        periodLabel: periodLabel(run.period),
        publishedAt: run.published_at!,
        groups: [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g),
      };
    }),
  };
}
type Entry = { rank: number; name: string; score: number };
