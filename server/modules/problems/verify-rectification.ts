/** 核查: someone other than the rectifier checks the work. Passed → 已结案; failed → 整改中 again, counted as 返工. */
import { notify } from '../notifications/notify';
import { assertOwnUploads } from '../../platform/visibility';
import { defineVerb, problemLink } from './verb';
import { queueHotlineReply } from '../hotline/reply';

export const verifyRectification = defineVerb({
  action: 'verify',
  check: async (ctx, _p, payload) => {
    await assertOwnUploads(ctx.db, ctx.actor, payload.photoIds, '核查照片');
  },
  apply: async (ctx, _tx, p, payload) => {
    const now = ctx.clock.now();
    return {
      set: payload.passed
        ? { closed_at: now, verify_count: p.verify_count + 1 }
        : { verify_count: p.verify_count + 1, rework_count: p.rework_count + 1 },
      to: payload.passed ? 'closed' : 'rectifying',
      event: { passed: payload.passed, ...(payload.comment ? { comment: payload.comment } : {}) },
      extra: payload.photoIds.length ? { photos: { ids: payload.photoIds, stage: 'verification' } } : undefined,
      after: async (tx) => {
        // The 12345 work orders this close answers — the problem's own (source hotline) and those of problems merged
        // into it — get their 办结回复, called back where configured (after COMMIT).
        if (payload.passed) await queueHotlineReply(ctx, tx, p.id);
        if (p.site_id)
          await notify(ctx, tx, [{ siteLeadOf: p.id }], {
            kind: 'verified',
            title: `您负责点位的问题 ${p.code} ${payload.passed ? '已核查结案' : '核查未通过，已退回整改'}`,
            body: payload.comment,
            link: problemLink(p.id),
            problemId: p.id,
            regionPath: p.region_path,
          });
        if (payload.passed || !p.unit_id) return;
        await notify(ctx, tx, [{ unit: p.unit_id, roles: ['unit_head', 'unit_liaison'] }], {
          kind: 'returned',
          title: `问题 ${p.code} 核查未通过，请返工`,
          body: payload.comment,
          link: problemLink(p.id),
          problemId: p.id,
          regionPath: p.region_path,
        });
      },
    };
  },
});
