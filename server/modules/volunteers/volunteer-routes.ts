/** /api/volunteers — registration, review, roster, own record, certificate; /api/public — registration and certificate check. */
import type { FastifyPluginAsync } from 'fastify';
import type { ModuleDeps } from '../../app';

export function volunteerRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async () => {};
}

export function publicVolunteerRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async () => {};
}
