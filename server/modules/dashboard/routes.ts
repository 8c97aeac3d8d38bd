/**
 * /api/dashboard: 指挥大屏 — the snapshot of the reader's region, its map points, and an on-demand refresh. Thin: parse,
 * call one command.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { dashboardQuery, dashboardRefreshResponse, dashboardResponse, dashboardSitesResponse } from '../../../common/contracts';
import type { ModuleDeps } from '../../app';
import { readDashboard, readDashboardSites, refreshDashboard } from './read-dashboard';
import './policy';

/** Registers the dashboard routes. */
export function dashboardRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['dashboard'];
    app.get('/', { schema: { querystring: dashboardQuery, response: { 200: dashboardResponse }, tags } }, async (req) =>
      readDashboard(req.ctx, req.query.regionId),
    );
    app.get('/sites', { schema: { querystring: dashboardQuery, response: { 200: dashboardSitesResponse }, tags } }, async (req) =>
      readDashboardSites(req.ctx, req.query.regionId),
    );
    app.post('/refresh', { schema: { querystring: dashboardQuery, response: { 200: dashboardRefreshResponse }, tags } }, async (req) =>
      refreshDashboard(req.ctx, req.query.regionId),
    );
  };
}
