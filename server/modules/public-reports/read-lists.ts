/** The office's lists: the 待受理 queue of public sources, the reject presets, the 回访 list; and the public form's options. */
import { PROBLEM_SOURCE_LABELS, type ProblemSource } from '../../../common/problem-workflow';
import { RATING_LABELS } from '../../../common/public-reports';
import type { Ctx } from '../../platform/context';
import { authorize, can } from '../../platform/policy';
import { readableRegion } from '../problem-settings/resolve';
import { parseAnswers } from '../problem-categories/category-questions';
import { followupList, publicCategories, publicCounties, rejectReasonList, triageList, type TriageFilter } from './repository';

const SOURCE_LABELS: Record<string, string> = { ...PROBLEM_SOURCE_LABELS, open311: 'Open311', hotline: '12345热线' };

/** The public form's categories and counties. */
export async function readPublicOptions(ctx: Ctx) {
  const [categories, counties] = await Promise.all([publicCategories(ctx.db), publicCounties(ctx.db)]);
  return { categories, counties };
}

/** The 待受理 queue. */
export async function readTriageQueue(ctx: Ctx, q: Omit<TriageFilter, 'regionPath'> & { regionId?: string }) {
  authorize(ctx.actor, 'citizenReports.triage');
  const region = q.regionId ? await readableRegion(ctx.db, ctx.actor, 'citizenReports.triage', q.regionId) : null;
  const { items, total } = await triageList(ctx.db, ctx.actor, { ...q, regionPath: region?.path });
  return {
    total,
    items: items.map((p) => {
      const mayAct = can(ctx.actor, 'citizenReports.triage', { regionPath: p.region_path });
      return {
        id: p.id,
        code: p.code,
        version: p.version,
        description: p.description,
        categoryCode: p.category_code,
        categoryName: p.category_name ?? p.category_code,
        source: p.source,
        sourceLabel: SOURCE_LABELS[p.source as ProblemSource] ?? p.source,
        regionId: p.region_id,
        regionName: p.region_name,
        address: p.address,
        lat: p.lat,
        lng: p.lng,
        createdAt: p.created_at,
        photoIds: p.photo_ids ?? [],
        reporterName: p.reporter_name,
        reporterPhone: p.reporter_phone,
        phoneVerified: p.phone_verified ?? false,
        answers: parseAnswers(p.answers).map((a) => ({ question: a.question, display: a.display })),
        abilities: { accept: mayAct, reject: mayAct, merge: mayAct && p.lat !== null },
      };
    }),
  };
}

/** The presets the office picks a public reason from. */
export async function readRejectReasons(ctx: Ctx) {
  authorize(ctx.actor, 'citizenReports.triage');
  const rows = await rejectReasonList(ctx.db);
  return { items: rows.map((r) => ({ code: r.code, label: r.label, publicText: r.public_text })) };
}

type FollowupRow = Awaited<ReturnType<typeof followupList>>['items'][number];

/** A 回访 row as the office sees it. */
export function presentFollowup(ctx: Ctx, r: FollowupRow) {
  return {
    id: r.id,
    problemId: r.problem_id,
    problemCode: r.code,
    problemState: r.state,
    problemVersion: r.version,
    description: r.description,
    rating: r.rating!,
    ratingLabel: RATING_LABELS[r.rating!],
    comment: r.rating_comment,
    ratedAt: r.rated_at!,
    reporterName: r.name,
    reporterPhone: r.phone,
    state: r.followup_state!,
    result: r.followup_result,
    reopened: r.followup_reopened,
    followupAt: r.followup_at,
    canReopen:
      r.followup_state === 'open' &&
      r.state === 'closed' &&
      can(ctx.actor, 'problems.verify', { regionPath: r.region_path, unitId: r.unit_id }),
  };
}

/** The 回访 list. */
export async function readFollowups(
  ctx: Ctx,
  q: { page: number; pageSize: number; state?: 'open' | 'done'; sort: 'ratedAt' | '-ratedAt' },
) {
  authorize(ctx.actor, 'citizenReports.followup');
  const { items, total } = await followupList(ctx.db, ctx.actor, q);
  return { total, items: items.map((r) => presentFollowup(ctx, r)) };
}
