/** 公示: the office opens the draft to the units ranked in it; objections may be filed for the scheme's number of days. */
import type { EvaluationAction, EvaluationRunState } from '../../../common/evaluation-workflow';
import type { WorkflowVerb } from '../../platform/workflow';
import type { RunRow } from './repository';

export const publicizeRun: WorkflowVerb<RunRow, EvaluationAction, EvaluationRunState> = {
  action: 'publicize',
  apply: async (ctx, _tx, run) => {
    const now = ctx.clock.now();
    const deadline = new Date(now.getTime() + run.objection_days * 86400_000);
    return { set: { publicized_at: now, objection_deadline: deadline }, event: { objection_deadline: deadline } };
  },
};
