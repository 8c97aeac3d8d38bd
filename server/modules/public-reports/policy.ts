/**
 * Who works the public door: the office (and task force) of the problem's region triages the 待受理 queue of public
 * sources (随手拍, Open311, 12345) and answers the 回访 list. Citizens use the public routes with no account (routes.ts).
 */
import { definePolicy } from '../../platform/policy';

export const citizenReportPolicy = definePolicy('citizenReports', {
  /** 待受理: the queue, merge suggestions, 不予受理 with a reason the citizen sees, merge. */
  triage: ['office', 'taskforce'],
  /** 回访: the 不满意 list and its result (reopening the case through the loop's 回头看). */
  followup: ['office', 'taskforce'],
  /** 公众类别: the list citizens pick from (one for the deployment: only an office at its top region saves it). */
  editCategories: ['office'],
});
