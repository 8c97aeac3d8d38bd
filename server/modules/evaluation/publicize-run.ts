/**
 * 公示: the office opens the draft to the units ranked in it; objections may be filed for the scheme's number of days.
 * Each ranked unit's head and liaisons get a notice (the bell, after commit) with the deadline.
 */
import type { EvaluationAction, EvaluationRunState } from '../../../common/evaluation-workflow';
import { periodLabel } from '../../../common/period';
import type { WorkflowVerb } from '../../platform/workflow';
import { notifyRankedUnits } from './notify-units';
import type { RunRow } from './repository';
import { BEIJING_OFFSET_MS } from '../../../common/beijing';

const md = (d: Date) => {
  const local = new Date(d.getTime() + BEIJING_OFFSET_MS);
  return `${local.getUTCMonth() + 1}月${local.getUTCDate()}日`;
};

export const publicizeRun: WorkflowVerb<RunRow, EvaluationAction, EvaluationRunState> = {
  action: 'publicize',
  apply: async (ctx, _tx, run) => {
    const now = ctx.clock.now();
    const deadline = new Date(now.getTime() + run.objection_days * 86400_000);
    return {
      set: { publicized_at: now, objection_deadline: deadline },
      event: { objection_deadline: deadline },
      after: async (tx) =>
        notifyRankedUnits(ctx, tx, run, {
          title: `${periodLabel(run.period)}考核结果公示中`,
          body: `请于${md(deadline)}前核对本单位得分和排名；如有异议，可在考核结果页提出申诉。`,
        }),
    };
  },
};
