/** 审批: a leader (领导小组) approves a proposed entry; who, when and the comment are kept. */
import type { z } from 'zod';
import type { REWARD_PAYLOADS, RewardAction, RewardEntryState } from '../../../common/reward-workflow';
import { actorUserId } from '../../platform/actor';
import type { WorkflowVerb } from '../../platform/workflow';
import type { EntryRow } from './repository';

export const approveEntry: WorkflowVerb<EntryRow, RewardAction, RewardEntryState, z.infer<typeof REWARD_PAYLOADS.approve>> = {
  action: 'approve',
  apply: async (ctx, _tx, _entry, payload) => ({
    set: { approved_by: actorUserId(ctx.actor), approved_at: ctx.clock.now(), approve_comment: payload.comment || null },
    event: { comment: payload.comment || null },
  }),
};
