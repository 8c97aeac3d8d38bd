/** 退回: the unit says the problem is not theirs; it goes back to the office to re-dispatch. */
import { notify } from '../notifications/notify';
import { defineVerb, problemLink } from './verb';

export const disputeProblem = defineVerb({
  action: 'dispute',
  apply: async (ctx, _tx, p, payload) => ({
    set: { unit_id: null, assignee_id: null, deadline: null, dispatched_at: null, dispute_count: p.dispute_count + 1 },
    event: { reason: payload.reason, fromUnitId: p.unit_id, fromUnitName: p.unit_name },
    after: async (tx) => {
      await notify(ctx, tx, [{ nearestOffice: p.region_path }], {
        kind: 'returned',
        title: `问题 ${p.code} 被${p.unit_name ?? '责任单位'}退回`,
        body: payload.reason,
        link: problemLink(p.id),
        problemId: p.id,
        regionPath: p.region_path,
      });
    },
  }),
});
