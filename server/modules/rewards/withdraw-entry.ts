/** 撤销: the office withdraws a proposed or approved entry with its reason (a carried-out entry stays). */
import type { z } from 'zod';
import type { REWARD_PAYLOADS, RewardAction, RewardEntryState } from '../../../common/reward-workflow';
import { actorUserId } from '../../platform/actor';
import type { WorkflowVerb } from '../../platform/workflow';
import type { EntryRow } from './repository';

export const withdrawEntry: WorkflowVerb<EntryRow, RewardAction, RewardEntryState, z.infer<typeof REWARD_PAYLOADS.withdraw>> = {
  action: 'withdraw',
  apply: async (ctx, _tx, _entry, payload) => ({
    set: { withdrawn_by: actorUserId(ctx.actor), withdrawn_at: ctx.clock.now(), withdraw_reason: payload.reason, flagged: false },
    event: { reason: payload.reason },
  }),
};
