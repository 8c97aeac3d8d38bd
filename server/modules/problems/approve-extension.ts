/** 同意延期: the deadline moves by the requested days; the problem counts as 延期 (and leaves the 按期结案率 denominator). */
import { z } from 'zod';
import { notifyUsers, unitPeople } from '../notifications/notify';
import { defineVerb, problemLink } from './verb';

export const approveExtension = defineVerb({
  action: 'approve_extension',
  payload: z.object({ comment: z.string().trim().max(500).optional() }),
  apply: async (ctx, _tx, p, payload) => {
    const days = p.extension_requested_days ?? 0;
    const base = p.deadline ? new Date(p.deadline) : ctx.clock.now();
    const deadline = new Date(base.getTime() + days * 24 * 3600_000);
    return {
      set: { deadline, extension_requested_days: null, extension_reason: null, extension_count: p.extension_count + 1, reminded_at: null, supervised_at: null, escalated_at: null },
      to: 'rectifying',
      event: { days, deadline: deadline.toISOString(), ...(payload.comment ? { comment: payload.comment } : {}) },
      after: async (tx) => {
        if (!p.unit_id) return;
        await notifyUsers(tx, await unitPeople(tx, p.unit_id, ['unit_head', 'unit_liaison']), { kind: 'extension', title: `问题 ${p.code} 延期申请已同意`, body: `新时限 ${deadline.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}`, link: problemLink(p.id), problemId: p.id }, ctx.clock.now());
      },
    };
  },
});
