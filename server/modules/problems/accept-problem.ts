/** 立案: the office accepts a reported problem into the loop. */
import { defineVerb } from './verb';

export const acceptProblem = defineVerb({
  action: 'accept',
  apply: async (ctx, _tx, _p, payload) => ({
    set: { accepted_at: ctx.clock.now() },
    event: payload.comment ? { comment: payload.comment } : undefined,
  }),
});
