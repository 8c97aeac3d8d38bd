/** 立案: the office accepts a reported problem into the loop. */
import { z } from 'zod';
import { defineVerb } from './verb';

export const acceptProblem = defineVerb({
  action: 'accept',
  payload: z.object({ comment: z.string().trim().max(500).optional() }),
  apply: async (ctx, _tx, _p, payload) => ({
    set: { accepted_at: ctx.clock.now() },
    to: 'accepted',
    event: payload.comment ? { comment: payload.comment } : undefined,
  }),
});
