/** 申请延期: the unit asks for more days, with a reason; the office decides. */
import { notify } from '../notifications/notify';
import { defineVerb, problemLink } from './verb';

export const requestExtension = defineVerb({
  action: 'request_extension',
  apply: async (ctx, _tx, p, payload) => ({
    set: { extension_requested_days: payload.days, extension_reason: payload.reason },
    event: { days: payload.days, reason: payload.reason },
    after: async (tx) => {
      await notify(ctx, tx, [{ nearestOffice: p.region_path }], {
        kind: 'extension',
        title: `问题 ${p.code} 申请延期 ${payload.days} 天`,
        body: payload.reason,
        link: problemLink(p.id),
        problemId: p.id,
        regionPath: p.region_path,
      });
    },
  }),
});
