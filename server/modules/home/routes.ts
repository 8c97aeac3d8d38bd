/** /api/home: the signed-in person's home page data. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { homeResponse } from '../../../common/contracts';
import type { ModuleDeps } from '../../app';
import { whatsWaiting } from './whats-waiting';

/** Registers the home route. */
export function homeRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.get('/', { schema: { response: { 200: homeResponse }, tags: ['home'] } }, async (req) => whatsWaiting(req.ctx));
  };
}
