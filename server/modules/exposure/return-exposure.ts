/** 退回修改: a leader sends a submitted item back to the office (草稿) with the reason. */
import type { z } from 'zod';
import type { EXPOSURE_PAYLOADS, ExposureAction, ExposureState } from '../../../common/exposure-workflow';
import type { WorkflowVerb } from '../../platform/workflow';
import type { ExposureRow } from './repository';

export const returnExposure: WorkflowVerb<ExposureRow, ExposureAction, ExposureState, z.infer<typeof EXPOSURE_PAYLOADS.return>> = {
  action: 'return',
  apply: async (ctx, _tx, _e, payload) => ({
    set: { returned_at: ctx.clock.now(), return_reason: payload.reason, updated_at: ctx.clock.now() },
    event: { reason: payload.reason },
  }),
};
