/**
 * 同意延期: the deadline moves by the requested days; the problem counts as 延期 (and leaves the 按期结案率
 * denominator). When the problem's deadline policy counts working days, so does the extension (the same
 * arithmetic as the deadline itself: weekends skipped), in the policy that applies in the problem's region.
 */
import { notify } from '../notifications/notify';
import { addAllowance, deadlinePolicy } from './deadlines';
import { defineVerb, problemLink } from './verb';

export const approveExtension = defineVerb({
  action: 'approve_extension',
  apply: async (ctx, tx, p, payload) => {
    const days = p.extension_requested_days ?? 0;
    const base = p.deadline ? new Date(p.deadline) : ctx.clock.now();
    const policy = await deadlinePolicy(tx, p.severity, p.region_path);
    const deadline = addAllowance(base, days * 24, policy.working_days);
    return {
      set: {
        deadline,
        extension_requested_days: null,
        extension_reason: null,
        extension_count: p.extension_count + 1,
        reminded_at: null,
        supervised_at: null,
        escalated_at: null,
      },
      event: {
        days,
        workingDays: policy.working_days,
        deadline: deadline.toISOString(),
        ...(payload.comment ? { comment: payload.comment } : {}),
      },
      after: async (tx) => {
        if (!p.unit_id) return;
        await notify(ctx, tx, [{ unit: p.unit_id, roles: ['unit_head', 'unit_liaison'] }], {
          kind: 'extension',
          title: `问题 ${p.code} 延期申请已同意`,
          body: `新时限 ${deadline.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}`,
          link: problemLink(p.id),
          problemId: p.id,
          regionPath: p.region_path,
        });
      },
    };
  },
});
