/** /api/volunteers/teams, /stations, /population — the organisation of 志愿之城. */
import type { FastifyPluginAsync } from 'fastify';
import type { ModuleDeps } from '../../app';

export function orgRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async () => {};
}
