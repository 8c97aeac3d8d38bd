/** 签收: the unit takes the problem on; rectification starts. */
import { z } from 'zod';
import { defineVerb } from './verb';

export const acknowledgeProblem = defineVerb({
  action: 'acknowledge',
  payload: z.object({ comment: z.string().trim().max(500).optional() }),
  apply: async (ctx, _tx, _p, payload) => ({
    set: { acknowledged_at: ctx.clock.now() },
    to: 'rectifying',
    event: payload.comment ? { comment: payload.comment } : undefined,
  }),
});
