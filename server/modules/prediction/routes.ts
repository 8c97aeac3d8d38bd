/** /api/prediction: 预测测评得分 and the 对标补短 priority list (.xlsx). Thin: parse, call one command, answer. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { fileResponse, predictionQuery, predictionResponse, XLSX_MIME } from '../../../common/contracts';
import type { ModuleDeps } from '../../app';
import { sendWorkbook } from '../../platform/xlsx';
import { exportPriorities } from './export-priorities';
import { readPrediction } from './read-prediction';

export function predictionRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['prediction'];

    app.get('/', { schema: { tags, querystring: predictionQuery, response: { 200: predictionResponse } } }, async (req) =>
      readPrediction(req.ctx, req.query),
    );

    app.get(
      '/priorities.xlsx',
      { schema: { tags, querystring: predictionQuery, response: { 200: fileResponse(XLSX_MIME, '对标补短清单') } } },
      async (req, reply) => {
        const { fileName, buffer } = await exportPriorities(req.ctx, req.query);
        return sendWorkbook(reply, fileName, buffer);
      },
    );
  };
}
