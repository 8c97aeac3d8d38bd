/** 签收: the unit takes the problem on; rectification starts. */
import { defineVerb } from './verb';

export const acknowledgeProblem = defineVerb({
  action: 'acknowledge',
  apply: async (ctx, _tx, _p, payload) => ({
    set: { acknowledged_at: ctx.clock.now() },
    event: payload.comment ? { comment: payload.comment } : undefined,
  }),
});
