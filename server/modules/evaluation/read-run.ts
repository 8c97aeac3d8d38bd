/**
 * Reading a run: its facts, its ranking (the whole of it, or a unit's own rows in 公示), the provenance of a subject's
 * values, and its objections — each through access.ts, so a unit never reads another unit's row or objection.
 */
import { sql } from 'kysely';
import type { IndicatorSubjectType } from '../../../common/indicators';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { findIndicator, indicatorQuery } from '../../platform/indicators';
import { parsePeriod } from '../../../common/period';
import { problemVisibleSql, visibleRoundSql } from '../../platform/visibility';
import { scopeSql } from '../../platform/policy';
import { assertRunView, type RunView } from './access';
import { resolveIndicator } from './catalog';
import { presentObjection, presentRun } from './presenter';
import { findObjection, findRun, listObjections, runResults, runValues } from './repository';

const onlyOf = (view: RunView) => (view.kind === 'own' ? view.subjectIds : undefined);

export async function readRun(ctx: Ctx, id: string) {
  const run = await findRun(ctx.db, id);
  const view = await assertRunView(ctx.db, ctx.actor, run);
  return presentRun(run!, ctx.actor, view.kind === 'all');
}

export async function readResults(ctx: Ctx, id: string) {
  const run = await findRun(ctx.db, id);
  const view = await assertRunView(ctx.db, ctx.actor, run);
  const [rows, values] = await Promise.all([runResults(ctx.db, id, onlyOf(view)), runValues(ctx.db, id, onlyOf(view))]);
  const byRow = new Map<string, typeof values>();
  for (const v of values) {
    const k = `${v.group_index}|${v.subject_id}`;
    byRow.set(k, [...(byRow.get(k) ?? []), v]);
  }
  const groups = new Map<number, { name: string; subjectType: IndicatorSubjectType; items: unknown[] }>();
  for (const r of rows) {
    const g = groups.get(r.group_index) ?? { name: r.group_name, subjectType: r.subject_type, items: [] };
    g.items.push({
      subjectId: r.subject_id,
      subjectName: r.subject_name,
      score: r.score,
      computedScore: r.computed_score,
      adjustment: r.adjustment,
      rank: r.rank,
      list: r.list,
      veto: r.veto,
      blackStreak: r.black_streak,
      proposal: r.proposal,
      indicators: (byRow.get(`${r.group_index}|${r.subject_id}`) ?? []).map((v) => {
        const def = resolveIndicator(v.code) ?? findIndicator(v.code);
        return {
          code: v.code,
          name: def?.name ?? v.code,
          unit: def?.unit ?? '分',
          value: v.value,
          numerator: v.numerator,
          denominator: v.denominator,
          points: v.points,
          vetoed: v.vetoed,
        };
      }),
    });
    groups.set(r.group_index, g);
  }
  return {
    run: { id: run!.id, state: run!.state, period: run!.period, revision: run!.revision },
    groups: [...groups.entries()].sort(([a], [b]) => a - b).map(([, g]) => g),
  } as never;
}

/** Where each kind of record is read (a visit is read on its round's page). */
const LINKS: Record<string, (id: string, parent: string | null, period: string) => string> = {
  problem: (id) => `/api/problems/${id}`,
  visit: (id, round) => `/api/inspection-rounds/${round}#visit-${id}`,
  material: (id) => `/api/materials/${id}`,
  standard: (id) => `/api/standards/${id}`,
  manual_score: (_id, subject, period) => `/api/evaluation/manual-scores?subjectId=${subject}&period=${period}`,
};

/**
 * The records behind a subject's values in the run (optionally one indicator): each indicator's `records` SQL for the
 * subject, read on demand with the run's own period and instant (`asOf` = when it was computed), so time-dependent
 * conditions (past its deadline) are judged as they were then — and each record only if the reader may see it now
 * (problems through problemVisibleSql, visits through their round, materials through the materials scope). Nothing is
 * copied at compute time: at city scale a month's cohort is ~200 000 problems × indicators × subject types, millions
 * of rows per run (docs/performance.md). A record edited afterwards (a problem reopened) shows as it is now.
 */
export async function readProvenance(ctx: Ctx, runId: string, subjectId: string, code?: string) {
  const run = await findRun(ctx.db, runId);
  const view = await assertRunView(ctx.db, ctx.actor, run);
  if (view.kind === 'own' && !view.subjectIds.includes(subjectId)) throw notFound('考核对象');
  const row = await ctx.db
    .selectFrom('evaluation_results')
    .select(['subject_name', 'subject_type'])
    .where('run_id', '=', runId)
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();
  if (!row) throw notFound('考核对象');
  const wanted = code ? (resolveIndicator(code)?.code ?? code) : null;
  const stored = await ctx.db
    .selectFrom('evaluation_values')
    .select('code')
    .distinct()
    .where('run_id', '=', runId)
    .where('subject_id', '=', subjectId)
    .execute();
  const defs = [...new Set(stored.map((v) => resolveIndicator(v.code)).filter((d) => !!d?.records))]
    .filter((d) => !wanted || d!.code === wanted)
    .sort((x, y) => x!.code.localeCompare(y!.code));
  const a = ctx.actor;
  const problemOk = problemVisibleSql(a, 'problems.read', {
    regionPath: sql.ref('pr.path'),
    unitId: sql.ref('pp.unit_id'),
    reporterId: sql.ref('pp.reporter_id'),
    roundId: sql.ref('pp.round_id'),
    siteId: sql.ref('pp.site_id'),
  });
  const materialOk = scopeSql(a, 'materials.read', { regionPath: sql.ref('mr.path'), unitId: sql.ref('mu.id') });
  const q = indicatorQuery(parsePeriod(run!.period)!, row.subject_type, run!.computed_at);
  const items = [];
  for (const def of defs) {
    const { rows } = await sql<{ record_type: string; record_id: string; label: string; counted: boolean; parent: string | null }>`
      select x.record_type, x.record_id::text as record_id, coalesce(x.label, '') as label, coalesce(x.counted, false) as counted,
        case x.record_type when 'visit' then (select pv.round_id::text from inspection_visits pv where pv.id = x.record_id)
          when 'manual_score' then x.subject_id::text end as parent
      from (${def!.records!(q)}) x
      where x.subject_id::text = ${subjectId}
        and case x.record_type
          when 'problem' then exists (select 1 from problems pp join regions pr on pr.id = pp.region_id where pp.id = x.record_id and ${problemOk})
          when 'visit' then exists (select 1 from inspection_visits vv join inspection_rounds vir on vir.id = vv.round_id where vv.id = x.record_id and ${visibleRoundSql(a, 'vir')})
          when 'material' then exists (select 1 from material_submissions ms join units mu on mu.id = ms.unit_id join regions mr on mr.id = mu.region_id where ms.id = x.record_id and ${materialOk})
          -- a manual score or an owed standard: part of the subject's own row, which the reader may see
          else true
        end
      order by counted desc, label, record_id`.execute(ctx.db);
    for (const r of rows)
      items.push({
        code: def!.code,
        indicatorName: def!.name,
        recordType: r.record_type,
        recordId: r.record_id,
        label: r.label,
        counted: r.counted,
        link: (LINKS[r.record_type] ?? ((x: string) => x))(r.record_id, r.parent, run!.period),
      });
  }
  return { runId, subjectId, subjectName: row.subject_name, computedAt: run!.computed_at, items };
}

export async function readObjections(ctx: Ctx, runId: string) {
  const run = await findRun(ctx.db, runId);
  const view = await assertRunView(ctx.db, ctx.actor, run);
  const rows = await listObjections(ctx.db, runId, onlyOf(view));
  return { items: rows.map((o) => presentObjection(o, ctx.actor)), total: rows.length };
}

export async function readObjection(ctx: Ctx, id: string) {
  const o = await findObjection(ctx.db, id);
  if (!o) throw notFound('申诉');
  const view = await assertRunView(ctx.db, ctx.actor, await findRun(ctx.db, o.run_id));
  if (view.kind === 'own' && !view.subjectIds.includes(o.subject_id)) throw notFound('申诉');
  return presentObjection(o, ctx.actor);
}
