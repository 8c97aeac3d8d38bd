/** 不予立案: the office declines a report, with the reason the reporter will see. */
import { notify } from '../notifications/notify';
import { queueHotlineReply } from '../hotline/reply';
import { defineVerb, problemLink } from './verb';

export const rejectProblem = defineVerb({
  action: 'reject',
  apply: async (ctx, _tx, p, payload) => ({
    set: { reject_reason: payload.reason },
    event: { reason: payload.reason },
    after: async (tx) => {
      // A 12345 work order declined: its reply carries the reason (called back where configured, after COMMIT). A
      // triage merge is a reject too, but the merged order waits for the survivor (queueHotlineReply skips it).
      if (p.source === 'hotline') await queueHotlineReply(ctx, tx, p.id);
      await notify(ctx, tx, [{ users: [p.reporter_id] }], {
        kind: 'returned',
        title: `您上报的问题 ${p.code} 不予立案`,
        body: payload.reason,
        link: problemLink(p.id),
        problemId: p.id,
        regionPath: p.region_path,
      });
    },
  }),
});
