/** 核查: someone other than the rectifier checks the work. Passed → 已结案; failed → 整改中 again, counted as 返工. */
import { z } from 'zod';
import { notifyUsers, unitPeople } from '../notifications/notify';
import { assertOwnUploads } from '../../platform/visibility';
import { defineVerb, problemLink } from './verb';

export const verifyRectification = defineVerb({
  action: 'verify',
  payload: z
    .object({
      passed: z.boolean({ error: '请选择核查结果' }),
      comment: z.string().trim().max(1000).optional(),
      photoIds: z.array(z.uuid()).max(9).default([]),
    })
    .refine((v) => v.passed || (v.comment?.length ?? 0) >= 2, { message: '核查不通过时请填写原因', path: ['comment'] }),
  check: async (ctx, _p, payload) => {
    await assertOwnUploads(ctx.db, ctx.actor, payload.photoIds, '核查照片');
  },
  apply: async (ctx, _tx, p, payload) => {
    const now = ctx.clock.now();
    return {
      set: payload.passed ? { closed_at: now, verify_count: p.verify_count + 1 } : { verify_count: p.verify_count + 1, rework_count: p.rework_count + 1 },
      to: payload.passed ? 'closed' : 'rectifying',
      event: { passed: payload.passed, ...(payload.comment ? { comment: payload.comment } : {}) },
      photos: payload.photoIds.length ? { ids: payload.photoIds, stage: 'verification' } : undefined,
      after: async (tx) => {
        if (payload.passed || !p.unit_id) return;
        await notifyUsers(tx, await unitPeople(tx, p.unit_id, ['unit_head', 'unit_liaison']), { kind: 'returned', title: `问题 ${p.code} 核查未通过，请返工`, body: payload.comment, link: problemLink(p.id), problemId: p.id }, now);
      },
    };
  },
});
