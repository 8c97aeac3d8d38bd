/**
 * /api/map-settings: the base map (底图) under every map. GET answers what the caller's maps draw (any signed-in
 * user: the 天地图 key travels only in this answer, never to anyone signed out) and, for the system administrator,
 * the stored values; PUT sets the deployment default, PUT/DELETE /regions/:regionId a region's own (version-guarded,
 * audited); /tiles/:z/:x/:y passes a 内网瓦片服务 tile on to the browser (serve-tile.ts).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { mapSettingsBody, mapSettingsResponse, regionMapSettingsBody, tileImage, tileParams, tileQuery } from '../../../common/contracts';
import type { ModuleDeps } from '../../app';
import { authorize } from '../../platform/policy';
import './policy';
import { readMapSettings } from './read-map-settings';
import { resetMapSettings } from './reset-map-settings';
import { sendTile, serveTile } from './serve-tile';
import { updateMapSettings } from './update-map-settings';

const regionIdParam = z.object({ regionId: z.uuid('区域编号格式不正确') });

/** Registers the map-settings routes. */
export function mapSettingsRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['map-settings'];

    /** The base map in a region (default: the caller's own), where it comes from, and what the caller may change. */
    app.get(
      '/',
      {
        schema: {
          querystring: z.object({ regionId: z.uuid('区域编号格式不正确').optional() }),
          response: { 200: mapSettingsResponse },
          tags,
        },
      },
      async (req) => readMapSettings(req.ctx, req.query.regionId),
    );

    /** The deployment default (there is always one). */
    app.put('/', { schema: { body: mapSettingsBody, response: { 200: mapSettingsResponse }, tags } }, async (req) => {
      authorize(req.ctx.actor, 'mapSettings.update');
      return updateMapSettings(req.ctx, null, req.body);
    });

    /** A region's own base map, drawn in the region and everything under it. */
    app.put(
      '/regions/:regionId',
      { schema: { params: regionIdParam, body: regionMapSettingsBody, response: { 200: mapSettingsResponse }, tags } },
      async (req) => {
        authorize(req.ctx.actor, 'mapSettings.update');
        return updateMapSettings(req.ctx, req.params.regionId, req.body);
      },
    );

    /** Back to what the region above sets. */
    app.delete('/regions/:regionId', { schema: { params: regionIdParam, response: { 200: mapSettingsResponse }, tags } }, async (req) => {
      authorize(req.ctx.actor, 'mapSettings.update');
      return resetMapSettings(req.ctx, req.params.regionId);
    });

    /** One 内网瓦片服务 tile; `?url=` previews an unsaved template (administrator only). */
    app.get(
      '/tiles/:z/:x/:y',
      { schema: { params: tileParams, querystring: tileQuery, response: { 200: tileImage }, tags, summary: '内网瓦片（经本系统转发）' } },
      async (req, reply) => {
        if (req.query.url !== undefined) authorize(req.ctx.actor, 'mapSettings.update');
        return sendTile(reply, await serveTile(req.ctx, req.params, req.query.url), req.query.url === undefined);
      },
    );
  };
}
