/** 退回: the office returns the evidence with a comment the unit sees; the unit may submit again. */
import type { z } from 'zod';
import type { MaterialAction, MaterialState, MATERIAL_PAYLOADS } from '../../../common/material-workflow';
import { actorUserId } from '../../platform/actor';
import type { WorkflowVerb } from '../../platform/workflow';
import { notify } from '../notifications/notify';
import type { SubmissionRow } from './repository';

export const returnMaterial: WorkflowVerb<SubmissionRow, MaterialAction, MaterialState, z.infer<typeof MATERIAL_PAYLOADS.return>> = {
  action: 'return',
  apply: async (ctx, _tx, m, payload) => ({
    set: { reviewed_by: actorUserId(ctx.actor), reviewed_at: ctx.clock.now(), review_comment: payload.comment },
    event: { comment: payload.comment },
    after: async (tx) => {
      await notify(ctx, tx, [{ unit: m.unit_id, roles: ['unit_head', 'unit_liaison'] }], {
        kind: 'returned',
        title: `材料被退回：${m.standard_code}（${m.period}）`,
        body: payload.comment,
        link: '/materials',
        regionPath: m.region_path,
      });
    },
  }),
};
