/**
 * 项目化 / 挂图作战: who may do what. The office registers projects and edits them; leaders and the task force read
 * the battle map and the countdown board of their scope; the owner unit (its head and liaison) sees its own projects
 * and records milestones reached and photos. Row visibility is in access.ts.
 */
import { definePolicy } from '../../platform/policy';

export const projectsPolicy = definePolicy('projects', {
  /** Every project of the region: the battle map, the countdown, the details. */
  read: ['office', 'leader', 'taskforce'],
  /** Register and edit projects (and their planned milestones). */
  manage: ['office'],
  /** The owner unit: its own projects, milestones reached and photos. */
  update: ['unit_head', 'unit_liaison'],
});
