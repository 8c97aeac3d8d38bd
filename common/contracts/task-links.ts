/**
 * A task's links (issue 13: "optional links to standards (a task can close a 补短 gap) and sites") as the task detail
 * shows them: each standard with its code, text and version (and whether that version is the campaign's current one),
 * each site with its type and region, so the drawer can name them and link to the standard's version and the site.
 * The ids themselves stay on the task (`standardIds`, `siteIds`, set by POST /api/plans/:id/tasks and PUT /api/tasks/:id).
 */
import { z } from 'zod';
import { id } from './shared';
import { taskDetailResponse } from './tasks';

export const taskStandardLink = z.object({
  id,
  code: z.string(),
  text: z.string(),
  versionId: id,
  versionName: z.string(),
  /** The standard belongs to the campaign's newest standards version (the one tasks are generated from). */
  current: z.boolean(),
});

export const taskSiteLink = z.object({
  id,
  name: z.string(),
  siteTypeName: z.string(),
  regionName: z.string(),
  active: z.boolean(),
});

export const taskLinks = z.object({ standards: z.array(taskStandardLink), sites: z.array(taskSiteLink) });

/** GET /api/tasks/:id: the task, its reports, its events and its links by name. */
export const taskDetailWithLinks = taskDetailResponse.extend({ links: taskLinks });

export type TaskLinksDto = z.input<typeof taskLinks>;
export type TaskDetailWithLinksDto = z.input<typeof taskDetailWithLinks>;
