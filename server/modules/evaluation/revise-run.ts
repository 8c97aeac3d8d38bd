/**
 * 重新计算: a published run is frozen; recomputing it makes the next revision (a new run in 草稿, same scheme version
 * and month) with a diff against the published one — each subject whose score, rank or list changed. The revision
 * goes through 公示, 审定 and 发布 like any run and supersedes this one when it is published. The adjustments the office
 * made answering objections are kept (carried into the revision's scores): a recomputation corrects the figures, not the
 * answers.
 */
import type { z } from 'zod';
import type { runDiffItem } from '../../../common/contracts/evaluation';
import type { EvaluationAction, EvaluationRunState } from '../../../common/evaluation-workflow';
import { recordEvent } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import type { WorkflowVerb } from '../../platform/workflow';
import { insertComputedRun } from './create-run';
import { findScheme, runResults, type RunRow } from './repository';

export const reviseRun: WorkflowVerb<RunRow, EvaluationAction, EvaluationRunState> = {
  action: 'revise',
  check: async (ctx, run) => {
    const pending = await ctx.db
      .selectFrom('evaluation_runs')
      .select('id')
      .where('revises_run_id', '=', run.id)
      .where('state', 'in', ['draft', 'publicized', 'signed_off'])
      .executeTakeFirst();
    if (pending) throw new AppError('conflict', '该考核已有未发布的修订版，请先完成或在修订版上操作');
  },
  apply: async (ctx, _tx, run) => ({
    after: async (tx) => {
      const scheme = (await findScheme(tx, run.scheme_id))!;
      const last = await tx
        .selectFrom('evaluation_runs')
        .select((eb) => eb.fn.max('revision').as('n'))
        .where('scheme_key', '=', run.scheme_key)
        .where('period', '=', run.period)
        .executeTakeFirstOrThrow();
      const revision = await insertComputedRun(ctx, tx, scheme, run.period, { number: Number(last.n) + 1, revises: run.id });
      const [before, after] = await Promise.all([runResults(tx, run.id), runResults(tx, revision.id)]);
      const key = (r: { group_index: number; subject_id: string }) => `${r.group_index}|${r.subject_id}`;
      const old = new Map(before.map((r) => [key(r), r]));
      const diff: z.input<typeof runDiffItem>[] = [];
      const view = (r?: (typeof before)[number]) => (r ? { score: r.score, rank: r.rank, list: r.list } : null);
      for (const r of after) {
        const o = old.get(key(r));
        old.delete(key(r));
        if (o && o.score === r.score && o.rank === r.rank && o.list === r.list) continue;
        diff.push({ groupName: r.group_name, subjectId: r.subject_id, subjectName: r.subject_name, before: view(o), after: view(r) });
      }
      for (const o of old.values())
        diff.push({ groupName: o.group_name, subjectId: o.subject_id, subjectName: o.subject_name, before: view(o), after: null });
      await tx
        .updateTable('evaluation_runs')
        .set({ diff: JSON.stringify(diff) })
        .where('id', '=', revision.id)
        .execute();
      await recordEvent(tx, ctx, {
        action: 'evaluation_run.created',
        subjectType: 'evaluation_run',
        subjectId: revision.id,
        after: { period: run.period, revision: Number(last.n) + 1, revises_run_id: run.id, changed: diff.length },
      });
      return { revisionId: revision.id };
    },
  }),
};
