/**
 * 发布: the signed-off ranking becomes visible to everyone in the county and is frozen. A revision, once published,
 * supersedes the run it revises.
 */
import type { EvaluationAction, EvaluationRunState } from '../../../common/evaluation-workflow';
import type { WorkflowVerb } from '../../platform/workflow';
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
    },
  }),
};
