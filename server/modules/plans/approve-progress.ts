/**
 * 通过: the office approves a month's report; the task's percent becomes the report's (unless a later month was
 * approved already), and a task reported at 100 % is completed now. The lead unit is told after COMMIT.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { PROGRESS_PAYLOADS, ProgressAction, ProgressState } from '../../../common/tasks';
import { actorUserId } from '../../platform/actor';
import type { WorkflowVerb } from '../../platform/workflow';
import { notify } from '../notifications/notify';
import type { ProgressRow } from './progress-repository';
import { periodName } from './submit-progress';

export const approveProgress: WorkflowVerb<ProgressRow, ProgressAction, ProgressState, z.infer<typeof PROGRESS_PAYLOADS.approve>> = {
  action: 'approve',
  apply: async (ctx, _tx, r, payload) => {
    const now = ctx.clock.now();
    return {
      set: { reviewed_by: actorUserId(ctx.actor), reviewed_at: now, review_comment: payload.comment || null },
      event: { comment: payload.comment || null },
      after: async (tx) => {
        // The task's percent is its latest approved month's: approving an older month late changes nothing.
        await sql`
          update tasks set
            percent = ${r.percent},
            completed_at = case when ${r.percent} >= 100 then coalesce(completed_at, ${now}::timestamptz) else null end,
            updated_at = ${now}
          where id = ${r.task_id}
            and not exists (select 1 from task_progress x where x.task_id = ${r.task_id} and x.state = 'approved' and x.period > ${r.period})`.execute(
          tx,
        );
        await notify(ctx, tx, [{ unit: r.lead_unit_id, roles: ['unit_head', 'unit_liaison'] }], {
          kind: 'task_progress',
          title: `${periodName(r.period)}任务进度已审核通过`,
          body: `${r.task_code ? `${r.task_code} ` : ''}${r.task_title}：完成 ${r.percent}%`,
          link: `/my-tasks`,
          regionPath: r.region_path,
        });
      },
    };
  },
};
