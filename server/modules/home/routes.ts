/** /api/home: the signed-in person's home page data. */
import type { FastifyPluginAsync } from 'fastify';
import type { ModuleDeps } from '../../app';
import { whatsWaiting } from './whats-waiting';

/** Registers the home route. */
export function homeRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (app) => {
    app.get('/', { schema: { tags: ['home'] } }, async (req) => whatsWaiting(req.ctx));
  };
}
