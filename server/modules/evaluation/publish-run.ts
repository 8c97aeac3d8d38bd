/**
 * 发布: the signed-off ranking becomes visible to everyone in the county and is frozen. A revision, once published,
 * supersedes the run it revises. The ranked units' heads and liaisons get a notice.
 */
import type { EvaluationAction, EvaluationRunState } from '../../../common/evaluation-workflow';
import { periodLabel } from '../../../common/period';
import type { WorkflowVerb } from '../../platform/workflow';
import { notifyRankedUnits } from './notify-units';
import { proposeEntriesForRun } from '../rewards/propose-entries';
import type { RunRow } from './repository';

export const publishRun: WorkflowVerb<RunRow, EvaluationAction, EvaluationRunState> = {
  action: 'publish',
  apply: async (ctx, _tx, run) => ({
    set: { published_at: ctx.clock.now() },
    after: async (tx) => {
      if (run.revises_run_id)
        await tx
          .updateTable('evaluation_runs')
          .set((eb) => ({ state: 'superseded', version: eb('version', '+', 1) }))
          .where('scheme_key', '=', run.scheme_key)
          .where('period', '=', run.period)
          .where('state', '=', 'published')
          .where('id', '!=', run.id)
          .execute();
      // 奖惩兑现: the published ranking's entries are proposed in the same transaction (rewards/propose-entries.ts).
      await proposeEntriesForRun(ctx, tx, run.id);
      await notifyRankedUnits(ctx, tx, run, {
        title: `${periodLabel(run.period)}考核排名已发布`,
        body: run.revises_run_id ? '考核结果经重新计算后发布了修订版，请查看本单位得分和排名。' : '请查看本单位得分、排名和失分项。',
      });
    },
  }),
};
