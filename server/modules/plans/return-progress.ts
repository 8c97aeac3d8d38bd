/** 退回补充: the office returns a month's report with its reasons; the lead unit's head and liaison are told after COMMIT. */
import type { z } from 'zod';
import type { PROGRESS_PAYLOADS, ProgressAction, ProgressState } from '../../../common/tasks';
import { actorUserId } from '../../platform/actor';
import type { WorkflowVerb } from '../../platform/workflow';
import { notify } from '../notifications/notify';
import type { ProgressRow } from './progress-repository';
import { periodName } from './submit-progress';

export const returnProgress: WorkflowVerb<ProgressRow, ProgressAction, ProgressState, z.infer<typeof PROGRESS_PAYLOADS.return>> = {
  action: 'return',
  apply: async (ctx, _tx, r, payload) => ({
    set: { reviewed_by: actorUserId(ctx.actor), reviewed_at: ctx.clock.now(), review_comment: payload.comment },
    event: { comment: payload.comment },
    after: async (tx) => {
      await notify(ctx, tx, [{ unit: r.lead_unit_id, roles: ['unit_head', 'unit_liaison'] }], {
        kind: 'returned',
        title: `${periodName(r.period)}任务进度被退回，请补充后重新报送`,
        body: `${r.task_code ? `${r.task_code} ` : ''}${r.task_title}：${payload.comment}`,
        link: `/my-tasks`,
        regionPath: r.region_path,
      });
    },
  }),
};
