/**
 * /api/exposures: the 曝光台's staff side — the board (list, one item), 提出曝光 from a problem, the transitions
 * (编辑打码, 提交审批, 批准/退回, 撤下) and the preview of each photo's public copy. Thin: parse, call one command, present.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  exposureEligibility,
  exposurePage,
  exposureResponse,
  exposureTransitionBody,
  fileResponse,
  idParam,
  proposeExposureBody,
} from '../../../common/contracts';
import type { ModuleDeps } from '../../app';
import { transitionExposure } from './exposure-workflow';
import './policy';
import { proposeExposure } from './propose-exposure';
import { eligibility, previewKey, readExposure, readExposures } from './read-exposures';
import { exposureListQuery, photoParams, problemParam } from './schemas';
import { sendPublicCopy } from './send-copy';

export function exposureRoutes(deps: ModuleDeps): FastifyPluginAsync {
  const { storage } = deps;
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['exposure'];

    app.get('/', { schema: { tags, querystring: exposureListQuery, response: { 200: exposurePage } } }, async (req) =>
      readExposures(req.ctx, req.query),
    );

    app.post('/', { schema: { tags, body: proposeExposureBody, response: { 201: exposureResponse } } }, async (req, reply) => {
      const id = await proposeExposure(req.ctx, storage, req.body);
      return reply.status(201).send(await readExposure(req.ctx, id));
    });

    app.get('/eligibility/:problemId', { schema: { tags, params: problemParam, response: { 200: exposureEligibility } } }, async (req) =>
      eligibility(req.ctx, req.params.problemId),
    );

    app.get('/:id', { schema: { tags, params: idParam, response: { 200: exposureResponse } } }, async (req) =>
      readExposure(req.ctx, req.params.id),
    );

    app.post(
      '/:id/transitions',
      { schema: { tags, params: idParam, body: exposureTransitionBody, response: { 200: exposureResponse } } },
      async (req) => {
        await transitionExposure(req.ctx, storage, req.params.id, req.body);
        return readExposure(req.ctx, req.params.id);
      },
    );

    app.get(
      '/:id/photos/:photoId',
      {
        schema: {
          tags,
          params: photoParams,
          summary: '照片打码后的公开图（预览）',
          response: { 200: fileResponse('image/jpeg', '打码后的公开图（JPEG，无元数据）') },
        },
      },
      async (req, reply) =>
        sendPublicCopy(reply, storage, await previewKey(req.ctx, req.params.id, req.params.photoId), 'private, no-cache'),
    );
  };
}
