/** 派遣: the office sends an accepted problem to a responsible unit with a deadline. */
import { PROBLEM_SEVERITY_LABELS } from '../../../common/problem-workflow';
import { AppError } from '../../platform/errors';
import { notify } from '../notifications/notify';
import { computeDeadline, deadlinePolicy } from './deadlines';
import { defineVerb, problemLink } from './verb';

export const dispatchProblem = defineVerb({
  action: 'dispatch',
  check: async (ctx, _p, payload) => {
    const unit = await ctx.db.selectFrom('units').select(['id', 'active']).where('id', '=', payload.unitId).executeTakeFirst();
    if (!unit) throw new AppError('validation', '责任单位不存在');
    if (!unit.active) throw new AppError('validation', '责任单位已停用');
    if (payload.deadline && payload.deadline <= ctx.clock.now()) throw new AppError('validation', '整改时限须晚于当前时间');
  },
  apply: async (ctx, tx, p, payload) => {
    const now = ctx.clock.now();
    const deadline = payload.deadline ?? computeDeadline(now, await deadlinePolicy(tx, p.severity, p.region_path));
    return {
      set: {
        unit_id: payload.unitId,
        assignee_id: payload.assigneeId ?? null,
        deadline,
        dispatched_at: now,
        first_dispatched_at: p.first_dispatched_at ?? now,
        reminded_at: null,
        supervised_at: null,
        escalated_at: null,
      },
      event: { unitId: payload.unitId, deadline: deadline.toISOString(), ...(payload.comment ? { comment: payload.comment } : {}) },
      after: async (txx) => {
        await notify(ctx, txx, [{ unit: payload.unitId, roles: ['unit_head', 'unit_liaison'] }, { users: [payload.assigneeId] }], {
          kind: 'dispatched',
          title: `新派遣问题 ${p.code}（${PROBLEM_SEVERITY_LABELS[p.severity as never] ?? p.severity}）`,
          body: p.description.slice(0, 80),
          link: problemLink(p.id),
          problemId: p.id,
          regionPath: p.region_path,
        });
        // The 点长 follows the problems at his site, whichever unit works them.
        if (p.site_id)
          await notify(ctx, txx, [{ siteLeadOf: p.id }], {
            kind: 'dispatched',
            title: `您负责点位的问题 ${p.code} 已派遣整改`,
            body: p.description.slice(0, 80),
            link: problemLink(p.id),
            problemId: p.id,
            regionPath: p.region_path,
          });
      },
    };
  },
});
