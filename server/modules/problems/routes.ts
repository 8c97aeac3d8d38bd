/** /api/problems: report, list, detail, workflow transitions, bulk actions, ledger, metrics. */
import type { FastifyPluginAsync } from 'fastify';
import { questionAnswersOf } from '../problem-categories/category-questions';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import {
  bulkTransitionResult,
  dispatchSuggestion,
  fileResponse,
  problemDetail,
  problemMetricsPage,
  problemPage,
  problemResponse,
  problemSummary,
  transitionResult,
  XLSX_MIME,
} from '../../../common/contracts';
import type { ProblemAction, ProblemState } from '../../../common/problem-workflow';
import type { ModuleDeps } from '../../app';
import type { Actor } from '../../platform/actor';
import { AppError, notFound } from '../../platform/errors';
import { offsetOf } from '../../platform/pagination';
import { authorize } from '../../platform/policy';
import { sendWorkbook } from '../../platform/xlsx';
import { exportLedger } from './export-ledger';
import { problemMetrics } from './metrics';
import { canReadProblem } from './policy';
import { presentProblem } from './presenter';
import { findProblem, listProblems, noticesOf, problemPlaces, summarize, type ProblemScope } from './repository';
import { bulkTransitionBody, idParam, listProblemsQuery, metricsQuery, problemFilters, submitProblemBody, transitionBody } from './schemas';
import { submitProblem } from './submit-problem';
import { suggestUnit } from './suggest-unit';
import { transitionProblem } from './transition-problem';
import { problemCountableSql, problemVisibleSql, visiblePhotos, visibleTimeline } from '../../platform/visibility';
import './policy';

/** Rows in the actor's scope, plus what they reported and what is at a site they lead; never a covert finding they may not know of. */
const scopeFor =
  (actor: Actor, permission: string): ProblemScope =>
  (eb) =>
    problemVisibleSql(actor, permission, {
      regionPath: eb.ref('r.path'),
      unitId: eb.ref('problems.unit_id'),
      reporterId: eb.ref('problems.reporter_id'),
      roundId: eb.ref('problems.round_id'),
      siteId: eb.ref('problems.site_id'),
    });

/** Registers the problem routes. */
export function problemRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['problems'];

    app.post(
      '/',
      { schema: { body: submitProblemBody, response: { 200: problemResponse, 201: problemResponse }, tags } },
      async (req, reply) => {
        const { problem, created } = await submitProblem(req.ctx, req.body);
        return reply.status(created ? 201 : 200).send(presentProblem(problem, req.ctx.actor, req.ctx.clock.now()));
      },
    );

    app.get('/', { schema: { querystring: listProblemsQuery, response: { 200: problemPage }, tags } }, async (req) => {
      const q = req.query;
      const now = req.ctx.clock.now();
      const { items, total, totalCapped } = await listProblems(
        req.ctx.db,
        scopeFor(req.ctx.actor, 'problems.list'),
        q,
        now,
        req.ctx.actor.id,
        { limit: q.pageSize, offset: offsetOf(q), sort: q.sort, order: q.order },
      );
      return { items: items.map((p) => presentProblem(p, req.ctx.actor, now)), total, totalCapped };
    });

    app.get('/summary', { schema: { response: { 200: problemSummary }, tags } }, async (req) =>
      summarize(req.ctx.db, scopeFor(req.ctx.actor, 'problems.list'), req.ctx.clock.now(), req.ctx.actor.id),
    );

    app.get(
      '/export',
      { schema: { querystring: problemFilters, response: { 200: fileResponse(XLSX_MIME, '整改台账') }, tags } },
      async (req, reply) => {
        authorize(req.ctx.actor, 'problems.export');
        return sendWorkbook(reply, '整改台账.xlsx', await exportLedger(req.ctx, scopeFor(req.ctx.actor, 'problems.export'), req.query));
      },
    );

    app.get('/metrics', { schema: { querystring: metricsQuery, response: { 200: problemMetricsPage }, tags } }, async (req) => {
      authorize(req.ctx.actor, 'problems.metrics');
      if (req.query.from >= req.query.to) throw new AppError('validation', '开始日期须早于结束日期');
      const scope = problemCountableSql(req.ctx.actor, 'problems.metrics', {
        regionPath: sql.ref('r.path'),
        unitId: sql.ref('p.unit_id'),
        roundId: sql.ref('p.round_id'),
      });
      const items = await problemMetrics(req.ctx.db, {
        groupBy: req.query.groupBy,
        from: req.query.from,
        to: req.query.to,
        now: req.ctx.clock.now(),
        scope,
      });
      return { items, total: items.length };
    });

    app.get('/:id', { schema: { params: idParam, response: { 200: problemDetail }, tags } }, async (req) => {
      const p = await findProblem(req.ctx.db, req.params.id);
      if (!p || !canReadProblem(req.ctx.actor, p)) throw notFound('问题');
      const [events, photos, notices, places, answered] = await Promise.all([
        visibleTimeline(req.ctx.db, req.ctx.actor, p.id),
        visiblePhotos(req.ctx.db, req.ctx.actor, p.id),
        noticesOf(req.ctx.db, p.id),
        problemPlaces(req.ctx.db, req.ctx.actor, p),
        questionAnswersOf(req.ctx.db, p.id),
      ]);
      return {
        ...presentProblem(p, req.ctx.actor, req.ctx.clock.now()),
        ...places,
        photos: photos.map((ph) => ({
          fileId: ph.file_id,
          stage: ph.stage as 'report' | 'rectification' | 'verification',
          url: `/api/files/${ph.file_id}/evidence`,
          thumbnailUrl: `/api/files/${ph.file_id}/thumbnail`,
        })),
        timeline: events.map((e) => ({
          id: Number(e.id),
          action: e.action,
          fromState: e.from_state as ProblemState | null,
          toState: e.to_state as ProblemState | null,
          actorId: e.actor_id,
          actorName: e.actor_name,
          payload: e.payload as Record<string, unknown> | null,
          at: e.occurred_at,
        })),
        supervisionNotices: notices.map((n) => ({
          id: n.id,
          code: n.code,
          issuedAt: n.issued_at,
          deadline: n.deadline,
          escalatedAt: n.escalated_at,
          escalatedTo: n.escalated_to,
        })),
        questionAnswers: answered,
      };
    });

    app.get('/:id/dispatch-suggestion', { schema: { params: idParam, response: { 200: dispatchSuggestion }, tags } }, async (req) => {
      const p = await findProblem(req.ctx.db, req.params.id);
      if (!p || !canReadProblem(req.ctx.actor, p)) throw notFound('问题');
      authorize(req.ctx.actor, 'problems.office', { regionPath: p.region_path, unitId: p.unit_id });
      return { suggestion: await suggestUnit(req.ctx.db, p) };
    });

    app.post(
      '/:id/transitions',
      { schema: { params: idParam, body: transitionBody, response: { 200: transitionResult }, tags } },
      async (req) => {
        const { action, version, ...payload } = req.body;
        const { problem, extra } = await transitionProblem(req.ctx, req.params.id, action as ProblemAction, version, payload);
        // Only 反弹 (reopen) adds to the answer: the new linked problem's id and code.
        return {
          ...presentProblem(problem, req.ctx.actor, req.ctx.clock.now()),
          ...(extra as { relapseProblemId?: string; relapseCode?: string }),
        };
      },
    );

    app.post('/bulk-transitions', { schema: { body: bulkTransitionBody, response: { 200: bulkTransitionResult }, tags } }, async (req) => {
      const results = [];
      // Each problem in its own transaction: one stale or illegal item does not undo the others.
      for (const item of req.body.items) {
        try {
          const { problem } = await transitionProblem(req.ctx, item.id, req.body.action, item.version, req.body.payload);
          results.push({ id: item.id, ok: true, code: problem.code, version: problem.version });
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          results.push({ id: item.id, ok: false, error: { code: e.code, message: e.message } });
        }
      }
      return { results, succeeded: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length };
    });
  };
}
