/** 驳回延期: the deadline stays; the unit is told why. */
import { notify } from '../notifications/notify';
import { defineVerb, problemLink } from './verb';

export const denyExtension = defineVerb({
  action: 'deny_extension',
  apply: async (ctx, _tx, p, payload) => ({
    set: { extension_requested_days: null, extension_reason: null },
    event: { days: p.extension_requested_days, reason: payload.reason },
    after: async (tx) => {
      if (!p.unit_id) return;
      await notify(ctx, tx, [{ unit: p.unit_id, roles: ['unit_head', 'unit_liaison'] }], {
        kind: 'extension',
        title: `问题 ${p.code} 延期申请被驳回`,
        body: payload.reason,
        link: problemLink(p.id),
        problemId: p.id,
        regionPath: p.region_path,
      });
    },
  }),
});
