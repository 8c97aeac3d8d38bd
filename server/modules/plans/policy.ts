/**
 * 实施方案 and 任务: who may do what. The office drafts plans and tasks, imports and exports the task table, generates
 * tasks from the standards decomposition and reviews the monthly progress reports; leaders and the task force read
 * every plan of their scope. A unit's head and liaison see the tasks their unit leads or cooperates on, and report
 * progress on the tasks it leads (another unit's task answers 404). Row visibility is in access.ts.
 */
import { definePolicy } from '../../platform/policy';

export const plansPolicy = definePolicy('plans', {
  /** Plans, all their tasks, progress reports and exports of the region. */
  read: ['office', 'leader', 'taskforce'],
  /** Create and edit plans and tasks; import; generate from standards; review progress reports. */
  manage: ['office'],
  /** See the unit's own tasks and report monthly progress on the ones it leads. */
  report: ['unit_head', 'unit_liaison'],
});
