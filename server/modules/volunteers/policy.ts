/**
 * 志愿之城: who may do what. The county's (or town's) office keeps the organisation of its area — teams and their
 * admins, stations, resident population — and may review and read every volunteer of it; leaders read it; volunteers
 * read the teams and stations of their region. A team's admins (volunteer_team_admins, not a role) review and read
 * their own team's volunteers and see their phones; that is decided in access.ts. Everyone signed in may join as a
 * volunteer and read their own record.
 */
import { definePolicy } from '../../platform/policy';

export const volunteersPolicy = definePolicy('volunteers', {
  /** Teams and stations of the region (the map of the practice network). */
  read: ['office', 'leader', 'volunteer'],
  /** Create and edit teams, team admins, stations and population; review any volunteer of the region. */
  manage: ['office'],
  /** Read the volunteers (the roster) of every team of the region. */
  roster: ['office', 'leader'],
});
