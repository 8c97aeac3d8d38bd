/**
 * 志愿之城 activities: who may do what, by role. The office of a region (volunteerActivities.manage) publishes and runs
 * any activity of its region, a station's activities included; leaders and the task force read them. Beyond roles,
 * activity-access.ts admits people by their relation to the record: the organiser and the admins of the organising
 * team (volunteer_team_admins) run it, and approved volunteers of the same county read it and sign up.
 */
import { definePolicy } from '../../platform/policy';

export const volunteerActivitiesPolicy = definePolicy('volunteerActivities', {
  /** Activities, rosters and hours of the region. */
  read: ['office', 'leader', 'taskforce'],
  /** Publish, change, cancel; show the check-in code; confirm outside scans; certify and correct hours. */
  manage: ['office'],
});
