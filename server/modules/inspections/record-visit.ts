/**
 * 现场测评: save (and re-save) the checklist of one site in a round. Scores are recomputed each time;
 * each 不符合 becomes a problem in the loop — or attaches to the open problem for the same site and
 * standard — and in a 回头看 round a failure on a standard whose problem was closed reopens it as 反弹.
 * Everything a save writes (visit, results, problems, the relapse) commits in one transaction or not at all.
 * Rows a covert round adds carry its id, so platform/visibility.ts hides them with the round until release.
 */
import { sql } from 'kysely';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { AppError, notFound } from '../../platform/errors';
import { authorize, can } from '../../platform/policy';
import { appendEvent, attachPhotos } from '../problems/repository';
import { insertProblem } from '../problems/insert-problem';
import { transitionInTransaction } from '../problems/transition-problem';
import { checklistFor, findRound, type RoundRow } from './repository';
import type { VisitInput } from './schemas';
import { scoreVisit } from './scoring';
import { assertOwnUploads, mayKnowRound } from '../../platform/visibility';

export interface VisitProblem {
  standardId: string;
  problemId: string;
  code: string;
  how: 'created' | 'attached' | 'relapse';
}

const SOURCE: Record<string, string> = { covert: 'covert', recheck: 'recheck' };
/** The category a standard's failure is filed under (测评点位不达标). */
export const FINDING_CATEGORY = 'W0108';

/** Whether the actor may record visits in this round: a team member, or the office in scope. */
export function mayVisit(ctx: Ctx, r: RoundRow): boolean {
  if (r.team.includes(ctx.actor.id)) return true;
  return ctx.actor.grants.some(
    (g) =>
      (g.role === 'office' || g.role === 'taskforce') &&
      can({ ...ctx.actor, grants: [g] }, 'inspections.visit', { regionPath: r.region_path }),
  );
}

async function fileFinding(
  tx: Tx,
  ctx: Ctx,
  r: RoundRow,
  site: { id: string; name: string; region_id: string; lat: number | null; lng: number | null; address: string | null },
  s: { id: string; code: string; text: string },
  note: string | undefined,
  photoIds: string[],
): Promise<VisitProblem & { relapseOf?: { id: string; version: number } }> {
  const open = await tx
    .selectFrom('problems')
    .select(['id', 'code'])
    .where('site_id', '=', site.id)
    .where('standard_id', '=', s.id)
    .where('state', 'not in', ['closed', 'rejected'])
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (open) {
    // The entry and photos belong to the round: a covert round's stay hidden on the unit's own problem until release.
    await attachPhotos(tx, open.id, photoIds, 'report', r.id);
    await appendEvent(tx, {
      problemId: open.id,
      action: 'finding_attached',
      from: null,
      to: null,
      actorId: ctx.actor.id,
      actorName: ctx.actor.name,
      at: ctx.clock.now(),
      payload: { roundId: r.id, roundName: r.name, note: note ?? null },
      roundId: r.id,
    });
    return { standardId: s.id, problemId: open.id, code: open.code, how: 'attached' };
  }
  if (r.kind === 'recheck') {
    const closed = await tx
      .selectFrom('problems')
      .select(['id', 'code', 'version'])
      .where('site_id', '=', site.id)
      .where('standard_id', '=', s.id)
      .where('state', '=', 'closed')
      .orderBy('closed_at', 'desc')
      .executeTakeFirst();
    if (closed) return { standardId: s.id, problemId: closed.id, code: closed.code, how: 'relapse', relapseOf: closed };
  }
  const created = await insertProblem(
    tx,
    ctx,
    {
      clientId: null,
      description: `【${site.name}】${s.code} ${s.text}${note ? `（${note}）` : ''}`.slice(0, 1000),
      categoryCode: FINDING_CATEGORY,
      source: SOURCE[r.kind] ?? 'inspection',
      severity: 'normal',
      // An inspector's finding is filed (立案) at once; a covert one waits for release before dispatch.
      state: 'accepted',
      regionId: site.region_id,
      lat: site.lat,
      lng: site.lng,
      address: site.address,
      siteId: site.id,
      roundId: r.id,
      standardId: s.id,
    },
    { covert: r.is_covert && !r.released_at },
  );
  await attachPhotos(tx, created.id, photoIds, 'report', r.id);
  return { standardId: s.id, problemId: created.id, code: created.code, how: 'created' };
}

/** Saves a visit; returns its scores and the problems its failures created or joined. */
export async function recordVisit(ctx: Ctx, roundId: string, input: VisitInput) {
  const r = await findRound(ctx.db, roundId);
  if (
    !r ||
    !mayKnowRound(ctx.actor, r) ||
    (!can(ctx.actor, 'inspections.read', { regionPath: r.region_path, areaWide: true }) && !r.team.includes(ctx.actor.id))
  )
    throw notFound('督查轮次');
  authorize(ctx.actor, 'inspections.visit', undefined);
  if (!mayVisit(ctx, r)) throw new AppError('forbidden', '您不是本轮督查人员');
  const site = await ctx.db
    .selectFrom('inspection_round_sites as rs')
    .innerJoin('sites as s', 's.id', 'rs.site_id')
    .select(['s.id', 's.name', 's.site_type_code', 's.region_id', 's.lat', 's.lng', 's.address'])
    .where('rs.round_id', '=', roundId)
    .where('rs.site_id', '=', input.siteId)
    .executeTakeFirst();
  if (!site) throw new AppError('validation', '该点位不在本轮督查范围内');
  const checklist = await checklistFor(ctx.db, r.standard_version_id!, site.site_type_code);
  const byId = new Map(checklist.map((s) => [s.id, s]));
  const seen = new Set<string>();
  for (const res of input.results) {
    if (!byId.has(res.standardId)) throw new AppError('validation', '有测评项不适用于该点位类型');
    if (seen.has(res.standardId)) throw new AppError('validation', '测评项重复');
    seen.add(res.standardId);
    if (res.verdict === 'fail' && !res.photoIds.length)
      throw new AppError('validation', `“${byId.get(res.standardId)!.code}”判定不符合，须拍照留证`);
  }
  const photoIds = [...new Set(input.results.flatMap((x) => x.photoIds))];
  await assertOwnUploads(ctx.db, ctx.actor, photoIds);
  // A covert round's evidence must have been taken for it: its watermark then reads 暗访组, not the inspector's name,
  // when the inspected see it after release.
  if (r.is_covert && photoIds.length) {
    const marked = await ctx.db.selectFrom('files').select('id').where('id', 'in', photoIds).where('round_id', '=', r.id).execute();
    if (marked.length !== photoIds.length)
      throw new AppError('validation', '暗访取证照片须在本轮暗访的测评页面拍摄上传（水印不显示督查员姓名），请重新拍照');
  }

  const score = scoreVisit(input.results.map((x) => ({ verdict: x.verdict, points: Number(byId.get(x.standardId)!.points) })));
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    // Two saves of the same site's checklist (a phone resending, two tabs) queue here, so the second sees the first's
    // visit and its problems instead of inserting a duplicate.
    await sql`select pg_advisory_xact_lock(hashtext(${`visit:${roundId}:${site.id}`}))`.execute(tx);
    const previous = await tx
      .selectFrom('inspection_visits')
      .select('id')
      .where('round_id', '=', roundId)
      .where('site_id', '=', site.id)
      .executeTakeFirst();
    const earlier = previous
      ? await tx.selectFrom('inspection_results').select(['standard_id', 'problem_id']).where('visit_id', '=', previous.id).execute()
      : [];
    const values = {
      inspector_id: ctx.actor.id,
      visited_at: now,
      passed: score.passed,
      failed: score.failed,
      not_applicable: score.notApplicable,
      score_rate: score.scoreRate,
      deduction_score: score.deductionScore,
      updated_at: now,
    };
    const visitId = previous
      ? (await tx.updateTable('inspection_visits').set(values).where('id', '=', previous.id).returning('id').executeTakeFirstOrThrow()).id
      : (
          await tx
            .insertInto('inspection_visits')
            .values({ ...values, round_id: roundId, site_id: site.id })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
    await tx.deleteFrom('inspection_results').where('visit_id', '=', visitId).execute();
    const problems: Array<VisitProblem & { relapseOf?: { id: string; version: number } }> = [];
    for (const res of input.results) {
      let problemId: string | null = earlier.find((e) => e.standard_id === res.standardId)?.problem_id ?? null;
      if (res.verdict === 'fail' && !problemId) {
        const p = await fileFinding(tx, ctx, r, site, byId.get(res.standardId)!, res.note, res.photoIds);
        problems.push(p);
        problemId = p.how === 'relapse' ? null : p.problemId;
      }
      await tx
        .insertInto('inspection_results')
        .values({
          visit_id: visitId,
          standard_id: res.standardId,
          verdict: res.verdict,
          note: res.note ?? null,
          photo_ids: res.photoIds,
          problem_id: problemId,
        })
        .execute();
    }
    // A relapse goes through the problem loop's own 回头看 action (its rules, timeline and audit), in this transaction.
    for (const p of problems.filter((x) => x.relapseOf)) {
      const reason = `${r.name}：${byId.get(p.standardId)!.code} 复查不符合`;
      const extra = await transitionInTransaction(ctx, tx, p.relapseOf!.id, 'reopen', p.relapseOf!.version, {
        reason,
        photoIds: input.results.find((x) => x.standardId === p.standardId)?.photoIds ?? [],
      });
      p.problemId = String(extra.relapseProblemId);
      p.code = String(extra.relapseCode);
      await tx
        .updateTable('inspection_results')
        .set({ problem_id: p.problemId })
        .where('visit_id', '=', visitId)
        .where('standard_id', '=', p.standardId)
        .execute();
    }
    await recordEvent(tx, ctx, {
      action: previous ? 'inspection_visit.updated' : 'inspection_visit.recorded',
      subjectType: 'inspection_visit',
      subjectId: visitId,
      after: { round_id: roundId, site_id: site.id, ...score },
    });
    return { id: visitId, roundId, siteId: site.id, ...score, problems: problems.map(({ relapseOf: _r, ...p }) => p) };
  });
}
