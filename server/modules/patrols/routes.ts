/** /api/patrols: 点长巡查打卡 — the 点长's check-in and today's list, the month grid, missed days, export, overview. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { fileResponse, XLSX_MIME } from '../../../common/contracts';
import {
  patrolGridResponse,
  patrolLeadsResponse,
  patrolOverviewResponse,
  patrolResponse,
  patrolTodayResponse,
} from '../../../common/contracts/patrols';
import type { ModuleDeps } from '../../app';
import { offsetOf } from '../../platform/pagination';
import { sendWorkbook } from '../../platform/xlsx';
import { checkIn } from './check-in';
import { beijingMonth, monthWindow } from './days';
import { exportMonth } from './export-month';
import { missedDaysByLead } from './missed-days';
import { monthGrid } from './month-grid';
import { patrolOverview } from './overview';
import './policy';
import { readPatrol } from './read-patrol';
import { checkInBody, gridQuery, idParam, monthQuery } from './schemas';
import { assertMayRead, patrolSitesSql } from './scope';
import { patrolToday } from './today';

/** Registers the patrol routes. */
export function patrolRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['patrols'];

    app.post(
      '/',
      {
        schema: {
          body: checkInBody,
          response: { 200: patrolResponse, 201: patrolResponse },
          tags,
          summary: '巡查打卡（按 clientId 幂等）',
        },
      },
      async (req, reply) => {
        const { id, created } = await checkIn(req.ctx, req.body);
        return reply.status(created ? 201 : 200).send(await readPatrol(req.ctx, id));
      },
    );

    app.get('/today', { schema: { response: { 200: patrolTodayResponse }, tags, summary: '点长今日打卡' } }, async (req) =>
      patrolToday(req.ctx),
    );

    app.get('/overview', { schema: { response: { 200: patrolOverviewResponse }, tags, summary: '打卡概况（首页）' } }, async (req) =>
      patrolOverview(req.ctx),
    );

    app.get(
      '/grid',
      { schema: { querystring: gridQuery, response: { 200: patrolGridResponse }, tags, summary: '月度打卡表' } },
      async (req) => {
        assertMayRead(req.ctx.actor);
        const { month: asked, page, pageSize, sort, ...filter } = req.query;
        const month = asked ?? beijingMonth(req.ctx.clock.now());
        return monthGrid(req.ctx.db, month, monthWindow(month, req.ctx.clock.now()), patrolSitesSql(req.ctx.actor, filter), {
          limit: pageSize,
          offset: offsetOf({ page, pageSize }),
          sort,
        });
      },
    );

    app.get(
      '/missed',
      { schema: { querystring: monthQuery, response: { 200: patrolLeadsResponse }, tags, summary: '漏打卡名单' } },
      async (req) => {
        assertMayRead(req.ctx.actor);
        const { month: asked, ...filter } = req.query;
        const month = asked ?? beijingMonth(req.ctx.clock.now());
        return missedDaysByLead(req.ctx.db, month, monthWindow(month, req.ctx.clock.now()), patrolSitesSql(req.ctx.actor, filter));
      },
    );

    app.get(
      '/export',
      { schema: { querystring: monthQuery, response: { 200: fileResponse(XLSX_MIME, '点长巡查打卡月度表') }, tags } },
      async (req, reply) => {
        const { month: asked, ...filter } = req.query;
        const { fileName, buffer } = await exportMonth(req.ctx, asked ?? beijingMonth(req.ctx.clock.now()), filter);
        return sendWorkbook(reply, fileName, buffer);
      },
    );

    app.get('/:id', { schema: { params: idParam, response: { 200: patrolResponse }, tags, summary: '打卡详情' } }, async (req) =>
      readPatrol(req.ctx, req.params.id),
    );
  };
}
