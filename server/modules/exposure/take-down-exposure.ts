/** 撤下: a published item leaves the public board (and every public list and count) with the reason, audited. */
import type { z } from 'zod';
import type { EXPOSURE_PAYLOADS, ExposureAction, ExposureState } from '../../../common/exposure-workflow';
import { actorUserId } from '../../platform/actor';
import type { WorkflowVerb } from '../../platform/workflow';
import type { ExposureRow } from './repository';

export const takeDownExposure: WorkflowVerb<ExposureRow, ExposureAction, ExposureState, z.infer<typeof EXPOSURE_PAYLOADS.take_down>> = {
  action: 'take_down',
  apply: async (ctx, _tx, _e, payload) => ({
    set: {
      taken_down_by: actorUserId(ctx.actor),
      taken_down_at: ctx.clock.now(),
      take_down_reason: payload.reason,
      updated_at: ctx.clock.now(),
    },
    event: { reason: payload.reason },
  }),
};
