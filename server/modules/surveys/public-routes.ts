/**
 * /api/public/surveys: a wave's public link (/s/<token>, no account; `isPublic`, the anonymous actor). The page reads
 * the wave (name, open or not, the frozen questionnaire, its towns) and sends one response per device with 随手拍's
 * proof of work (GET /api/public/challenge). No answer carries quotas, interviewers, counts or anyone's identity.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { publicSurvey, publicSurveyResponseBody, publicSurveyResponseCreated, waveTokenParam } from '../../../common/contracts/surveys';
import type { ModuleDeps } from '../../app';
import { loadPublicHashKey } from '../public-reports/hash-key';
import { recordPublicResponse } from './public-record-response';
import { readPublicSurvey } from './public-survey';

/** ?town=<townId>: the town the link was made for (ignored when it is not a uuid or not one of the wave's towns). */
const publicSurveyQuery = z.object({ town: z.string().max(64).optional() });

export function publicSurveyRoutes(deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    await loadPublicHashKey(deps.db);
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['public'];
    const config = { isPublic: true };

    app.get(
      '/:waveToken',
      {
        config,
        schema: {
          tags,
          summary: '公众填答问卷：问卷内容',
          params: waveTokenParam,
          querystring: publicSurveyQuery,
          response: { 200: publicSurvey },
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return readPublicSurvey(req.ctx.db, req.params.waveToken, req.query.town, req.ctx.clock.now());
      },
    );

    app.post(
      '/:waveToken/responses',
      {
        config,
        schema: {
          tags,
          summary: '公众填答问卷：提交（每台设备每次调查一份）',
          params: waveTokenParam,
          body: publicSurveyResponseBody,
          response: { 201: publicSurveyResponseCreated },
        },
      },
      async (req, reply) => reply.status(201).send(await recordPublicResponse(req.ctx, req.params.waveToken, req.body)),
    );
  };
}
