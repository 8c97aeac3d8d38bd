/** /api/home: the signed-in person's home page data, and the campaign they work on (the pickers' default). */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { homeResponse, workingCampaignResponse } from '../../../common/contracts';
import type { ModuleDeps } from '../../app';
import { whatsWaiting } from './whats-waiting';
import { workingCampaign } from './working-campaign';

/** Registers the home routes. */
export function homeRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['home'];
    app.get('/', { schema: { response: { 200: homeResponse }, tags } }, async (req) => whatsWaiting(req.ctx));
    app.get('/campaign', { schema: { response: { 200: workingCampaignResponse }, tags } }, async (req) => ({
      campaign: await workingCampaign(req.ctx),
    }));
  };
}
