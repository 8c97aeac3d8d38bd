/** /api/integrations: integrator keys (安全管理员) and the public interface settings (office). Thin. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createdIntegrationKeyResponse,
  idParam,
  integrationKeyBody,
  integrationKeyPage,
  integrationKeyResponse,
  publicInterfaceSettingsBody,
  publicInterfaceSettingsResponse,
  revokeIntegrationKeyBody,
} from '../../../common/contracts';
import type { ModuleDeps } from '../../app';
import { authorize } from '../../platform/policy';
import { issueKey } from './issue-key';
import { presentKey } from './presenter';
import { readSettings, saveSettings } from './public-settings';
import { listKeys } from './repository';
import { revokeKey } from './revoke-key';
import { keyListQuery, regionParam } from './schemas';
import './policy';

/** Registers the integration routes. */
export function integrationRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['integrations'];

    app.get('/keys', { schema: { tags, querystring: keyListQuery, response: { 200: integrationKeyPage } } }, async (req) => {
      authorize(req.ctx.actor, 'integrations.keys');
      const [rows, count] = await listKeys(req.ctx.db, req.query);
      return { items: rows.map((k) => presentKey(k, req.ctx.actor)), total: count.n };
    });

    app.post(
      '/keys',
      { schema: { tags, body: integrationKeyBody, response: { 201: createdIntegrationKeyResponse } } },
      async (req, reply) => {
        const { key, row } = await issueKey(req.ctx, req.body);
        return reply.status(201).send({ key, item: presentKey(row, req.ctx.actor) });
      },
    );

    app.post(
      '/keys/:id/revoke',
      { schema: { tags, params: idParam, body: revokeIntegrationKeyBody, response: { 200: integrationKeyResponse } } },
      async (req) => presentKey(await revokeKey(req.ctx, req.params.id, req.body.version), req.ctx.actor),
    );

    app.get(
      '/settings/regions/:regionId',
      { schema: { tags, params: regionParam, response: { 200: publicInterfaceSettingsResponse } } },
      async (req) => readSettings(req.ctx, req.params.regionId),
    );

    app.put(
      '/settings/regions/:regionId',
      { schema: { tags, params: regionParam, body: publicInterfaceSettingsBody, response: { 200: publicInterfaceSettingsResponse } } },
      async (req) => saveSettings(req.ctx, req.params.regionId, req.body),
    );
  };
}
