/** /api/indicators: the registered indicators (指标) and their values per period and subject. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { indicatorListResponse, indicatorValuesResponse } from '../../../common/indicators';
import type { ModuleDeps } from '../../app';
import { indicatorMeta, listIndicators } from '../../platform/indicators';
import { authorize } from '../../platform/policy';
import { readIndicator } from './read-indicator';
import { codeParam, indicatorValuesQuery } from './schemas';
import './catalog';
import './policy';

/** Registers the indicator routes. */
export function indicatorRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['indicators'];

    app.get('/', { schema: { tags, response: { 200: indicatorListResponse } } }, async (req) => {
      authorize(req.ctx.actor, 'indicators.read');
      const items = listIndicators().map(indicatorMeta);
      return { items, total: items.length };
    });

    app.get(
      '/:code',
      { schema: { params: codeParam, querystring: indicatorValuesQuery, tags, response: { 200: indicatorValuesResponse } } },
      async (req) => readIndicator(req.ctx, req.params.code, req.query),
    );
  };
}
