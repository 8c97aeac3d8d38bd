/** 提交审批: the office sends a redacted draft to the leaders; every photo must have its public copy. */
import type { ExposureAction, ExposureState } from '../../../common/exposure-workflow';
import { AppError } from '../../platform/errors';
import type { WorkflowVerb } from '../../platform/workflow';
import { photosOf, type ExposureRow } from './repository';

export const submitExposure: WorkflowVerb<ExposureRow, ExposureAction, ExposureState, Record<string, never>> = {
  action: 'submit',
  check: async (ctx, e) => {
    const photos = await photosOf(ctx.db, e.id);
    if (photos.some((p) => !p.public_key)) throw new AppError('unprocessable', '有照片尚未生成打码后的公开图，请先保存打码');
  },
  apply: async (ctx) => ({ set: { submitted_at: ctx.clock.now(), updated_at: ctx.clock.now() } }),
};
