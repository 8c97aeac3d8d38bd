/** /api/sites and /api/site-types: the site registry (点位), its map data, history and imports. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import type { ModuleDeps } from '../../app';
import type { Actor } from '../../platform/actor';
import { notFound } from '../../platform/errors';
import { offsetOf } from '../../platform/pagination';
import { authorize, can } from '../../platform/policy';
import { buildTemplate, buildWorkbook, readUploadedWorkbook, sendWorkbook } from '../../platform/xlsx';
import { covertAllowedSql, problemVisibleSql, siteVisibleSql } from '../../platform/visibility';
import { importSites, SITE_COLUMNS, SITE_NOTES } from './import-sites';
import { presentSite, siteSubject } from './presenter';
import { activeSiteTypes, allSites, findSite, listSites, openProblemsAt, regionCodes, siteVisits } from './repository';
import { createSite, deleteSite, updateSite } from './save-site';
import { idParam, listSitesQuery, siteBody, updateSiteBody } from './schemas';
import {
  fileResponse,
  importResult,
  noContent,
  siteDetailResponse,
  sitePage,
  siteResponse,
  siteTypePage,
  XLSX_MIME,
} from '../../../common/contracts';
import type { RoundKind } from '../../../common/inspections';
import type { ProblemState } from '../../../common/problem-workflow';
import './policy';

/** Sites in scope, plus those the actor leads (点长): the one rule in platform/visibility.ts. */
const scopeFor = (actor: Actor, permission: string) =>
  siteVisibleSql(actor, permission, { regionPath: sql.ref('r.path'), unitId: sql.ref('s.unit_id'), leadUserId: sql.ref('s.lead_user_id') });

/** Registers the site routes. */
export function siteRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['sites'];

    app.get('/', { schema: { querystring: listSitesQuery, response: { 200: sitePage }, tags } }, async (req) => {
      authorize(req.ctx.actor, 'sites.list');
      const q = req.query;
      const { items, total } = await listSites(req.ctx.db, scopeFor(req.ctx.actor, 'sites.list'), q, req.ctx.actor.id, {
        limit: q.pageSize,
        offset: offsetOf(q),
        sort: q.sort,
        order: q.order,
      });
      return { items: items.map((s) => presentSite(s, req.ctx.actor)), total };
    });

    app.get(
      '/map',
      { schema: { querystring: listSitesQuery.omit({ page: true, pageSize: true }), response: { 200: sitePage }, tags } },
      async (req) => {
        authorize(req.ctx.actor, 'sites.list');
        const rows = await allSites(req.ctx.db, scopeFor(req.ctx.actor, 'sites.list'), req.query, req.ctx.actor.id);
        return { items: rows.map((s) => presentSite(s, req.ctx.actor)), total: rows.length };
      },
    );

    app.get('/import-template', { schema: { response: { 200: fileResponse(XLSX_MIME, '点位导入模板') }, tags } }, async (req, reply) => {
      authorize(req.ctx.actor, 'sites.import');
      return sendWorkbook(reply, '点位导入模板.xlsx', await buildTemplate('点位', SITE_COLUMNS, SITE_NOTES));
    });

    app.post('/import', { schema: { response: { 201: importResult }, tags } }, async (req, reply) => {
      authorize(req.ctx.actor, 'sites.import');
      return reply.status(201).send(await importSites(req.ctx, await readUploadedWorkbook(req)));
    });

    app.get(
      '/export',
      {
        schema: {
          querystring: listSitesQuery.omit({ page: true, pageSize: true }),
          response: { 200: fileResponse(XLSX_MIME, '点位台账') },
          tags,
        },
      },
      async (req, reply) => {
        authorize(req.ctx.actor, 'sites.export');
        const rows = await allSites(req.ctx.db, scopeFor(req.ctx.actor, 'sites.export'), req.query, req.ctx.actor.id);
        const codes = await regionCodes(req.ctx.db);
        const data = rows.map((s) => [
          s.name,
          s.site_type_name,
          s.address,
          s.lat,
          s.lng,
          codes.get(s.region_id),
          s.unit_name,
          s.lead_name,
          s.lead_phone,
          s.active ? '启用' : '停用',
        ]);
        return sendWorkbook(
          reply,
          '点位.xlsx',
          await buildWorkbook('点位', SITE_COLUMNS, data, { title: '点位台账', now: req.ctx.clock.now() }),
        );
      },
    );

    app.get('/:id', { schema: { params: idParam, response: { 200: siteDetailResponse }, tags } }, async (req) => {
      const s = await findSite(req.ctx.db, req.params.id);
      const actor = req.ctx.actor;
      if (!s || !(can(actor, 'sites.read', siteSubject(s)) || (!!actor.id && s.lead_user_id === actor.id))) throw notFound('点位');
      const visits = await siteVisits(req.ctx.db, s.id, covertAllowedSql(actor, 'ir'));
      // Open problems as the problem list would show them to this actor (scope and covert secrecy), not the site's scope.
      const open = await openProblemsAt(
        req.ctx.db,
        s.id,
        problemVisibleSql(actor, 'problems.read', {
          regionPath: sql.ref('pr.path'),
          unitId: sql.ref('p.unit_id'),
          reporterId: sql.ref('p.reporter_id'),
          roundId: sql.ref('p.round_id'),
          siteId: sql.ref('p.site_id'),
        }),
      );
      return {
        ...presentSite(s, actor),
        visits: visits.map((v) => ({
          id: v.id,
          roundId: v.round_id,
          roundName: v.round_name,
          kind: v.kind as RoundKind,
          visitedAt: v.visited_at,
          passed: v.passed,
          failed: v.failed,
          notApplicable: v.not_applicable,
          scoreRate: v.score_rate === null ? null : Number(v.score_rate),
          deductionScore: Number(v.deduction_score),
        })),
        openProblems: open.map((p) => ({ ...p, state: p.state as ProblemState })),
      };
    });

    app.post('/', { schema: { body: siteBody, response: { 201: siteResponse }, tags } }, async (req, reply) =>
      reply.status(201).send(presentSite(await createSite(req.ctx, req.body), req.ctx.actor)),
    );

    app.patch('/:id', { schema: { params: idParam, body: updateSiteBody, response: { 200: siteResponse }, tags } }, async (req) =>
      presentSite(await updateSite(req.ctx, req.params.id, req.body), req.ctx.actor),
    );

    app.delete('/:id', { schema: { params: idParam, response: { 204: noContent }, tags } }, async (req, reply) => {
      await deleteSite(req.ctx, req.params.id);
      return reply.status(204).send(null);
    });
  };
}

/** Registers /api/site-types. */
export function siteTypeRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.get('/', { schema: { response: { 200: siteTypePage }, tags: ['sites'] } }, async (req) => {
      const rows = await activeSiteTypes(req.ctx.db);
      return { items: rows.map((t) => ({ code: t.code, name: t.name, short: t.short })), total: rows.length };
    });
  };
}
