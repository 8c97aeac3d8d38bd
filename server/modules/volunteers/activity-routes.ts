/**
 * 志愿之城 — activities, sign-ups, check-in/out and certified hours (/api/volunteers/activities…,
 * /api/volunteers/checkins). Registered by routes.ts under the /api/volunteers prefix. The activities work fills this
 * plugin (common/contracts/volunteer-activities.ts); until then it registers no routes.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ModuleDeps } from '../../app';

export function activityRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async () => {};
}
