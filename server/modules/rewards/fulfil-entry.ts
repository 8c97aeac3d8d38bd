/**
 * 兑现: the office records that an approved entry was carried out, with proof — a file it uploaded (the files
 * module: 拨付凭证, 通报文件, 约谈记录 as a photo or scan). The file is then readable by whoever reads the entry
 * (platform/visibility.ts FILE_HOLDERS).
 */
import type { z } from 'zod';
import type { REWARD_PAYLOADS, RewardAction, RewardEntryState } from '../../../common/reward-workflow';
import { actorUserId } from '../../platform/actor';
import { AppError } from '../../platform/errors';
import type { WorkflowVerb } from '../../platform/workflow';
import type { EntryRow } from './repository';

export const fulfilEntry: WorkflowVerb<EntryRow, RewardAction, RewardEntryState, z.infer<typeof REWARD_PAYLOADS.fulfil>> = {
  action: 'fulfil',
  check: async (ctx, _entry, payload) => {
    const own = await ctx.db
      .selectFrom('files')
      .select('id')
      .where('id', '=', payload.fileId)
      .where('uploaded_by', '=', actorUserId(ctx.actor) ?? '00000000-0000-0000-0000-000000000000')
      .executeTakeFirst();
    if (!own) throw new AppError('unprocessable', 'fileId：兑现证明不存在或不是您本人上传的，请重新上传', { field: 'fileId' });
  },
  apply: async (ctx, _tx, _entry, payload) => ({
    set: {
      fulfilled_by: actorUserId(ctx.actor),
      fulfilled_at: ctx.clock.now(),
      proof_file_id: payload.fileId,
      fulfil_note: payload.note || null,
    },
    event: { file_id: payload.fileId, note: payload.note || null },
  }),
};
