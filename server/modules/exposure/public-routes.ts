/**
 * The public side of the 曝光台 (no account; `config.isPublic`): /api/public/exposures (list by month, town and unit;
 * one item; its redacted photos), /api/public/units (each unit's record: exposed / fixed / overdue) and
 * /api/public/rankings (the red and black lists of published monthly rankings).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  fileResponse,
  idParam,
  publicExposureFilters,
  publicExposurePage,
  publicExposureResponse,
  publicRankings,
  publicUnitPage,
  publicUnitRecordResponse,
} from '../../../common/contracts';
import type { ModuleDeps } from '../../app';
import {
  publicPhotoKey,
  readPublicExposure,
  readPublicFilters,
  readPublicList,
  readPublicRankings,
  readUnitRecord,
  readUnitRecords,
} from './read-public';
import { photoParams, publicFiltersQuery, publicListQuery, publicRankingsQuery, publicUnitsQuery } from './schemas';
import { sendPublicCopy } from './send-copy';

/** Registered under /api/public. */
export function publicExposureRoutes(deps: ModuleDeps): FastifyPluginAsync {
  const { storage } = deps;
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['public'];
    const config = { isPublic: true };

    app.get('/exposures', { config, schema: { tags, querystring: publicListQuery, response: { 200: publicExposurePage } } }, async (req) =>
      readPublicList(req.ctx, req.query),
    );
    app.get(
      '/exposures/filters',
      { config, schema: { tags, querystring: publicFiltersQuery, response: { 200: publicExposureFilters } } },
      async (req) => readPublicFilters(req.ctx, req.query),
    );
    app.get('/exposures/:id', { config, schema: { tags, params: idParam, response: { 200: publicExposureResponse } } }, async (req) =>
      readPublicExposure(req.ctx, req.params.id),
    );
    app.get(
      '/exposures/:id/photos/:photoId',
      {
        config,
        schema: { tags, params: photoParams, response: { 200: fileResponse('image/jpeg', '打码后的公开照片（JPEG，无元数据）') } },
      },
      // no-cache: a taken-down item's photo must not linger in a shared cache.
      async (req, reply) =>
        sendPublicCopy(reply, storage, await publicPhotoKey(req.ctx, req.params.id, req.params.photoId), 'public, no-cache'),
    );
    app.get('/units', { config, schema: { tags, querystring: publicUnitsQuery, response: { 200: publicUnitPage } } }, async (req) =>
      readUnitRecords(req.ctx, req.query),
    );
    app.get('/units/:id/record', { config, schema: { tags, params: idParam, response: { 200: publicUnitRecordResponse } } }, async (req) =>
      readUnitRecord(req.ctx, req.params.id),
    );
    app.get('/rankings', { config, schema: { tags, querystring: publicRankingsQuery, response: { 200: publicRankings } } }, async (req) =>
      readPublicRankings(req.ctx, req.query),
    );
  };
}
