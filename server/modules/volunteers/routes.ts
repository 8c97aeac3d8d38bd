/**
 * 志愿之城: registers the module's route plugins. Organisation (teams, stations, population) and volunteers
 * (registration, review, roster, own record, certificate) are here; activities, sign-ups and check-in are in
 * activity-routes.ts (owned by the activities work), registered under the same /api/volunteers prefix.
 */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../app';
import { activityRoutes } from './activity-routes';
import { orgRoutes } from './org-routes';
import { publicVolunteerRoutes, volunteerRoutes } from './volunteer-routes';

export async function registerVolunteerRoutes(app: FastifyInstance, deps: ModuleDeps): Promise<void> {
  await app.register(orgRoutes(deps), { prefix: '/api/volunteers' });
  // ---- activities (activity-routes.ts: /api/volunteers/activities…, /api/volunteers/checkins) ----
  await app.register(activityRoutes(deps), { prefix: '/api/volunteers' });
  // ---- end of activities ----
  await app.register(volunteerRoutes(deps), { prefix: '/api/volunteers' });
  await app.register(publicVolunteerRoutes(deps), { prefix: '/api/public' });
}
