/**
 * /api/evaluation: 月评排名 — the indicator catalogue, versioned schemes, monthly runs and their ranking, provenance,
 * the lifecycle (公示 → 审定 → 发布, 重新计算), objections and 人工评分. Thin: parse, call one command, present.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  annualItemBody,
  annualItemPage,
  annualItemQuery,
  annualItemResponse,
  bulletinTextBody,
  bulletinTextResponse,
  rollupQuery,
  rollupResponse,
  subjectHistoryResponse,
  answerObjectionBody,
  createObjectionBody,
  createRunBody,
  createSchemeBody,
  DOCX_MIME,
  evaluationIndicatorsResponse,
  fileResponse,
  idParam,
  manualScoreBody,
  manualScorePage,
  noContent,
  objectionPage,
  objectionResponse,
  provenanceResponse,
  runCreatedResponse,
  runPage,
  runResponse,
  runResultsResponse,
  runTransitionBody,
  runTransitionResponse,
  schemeCreatedResponse,
  schemePage,
  schemeResponse,
  updateSchemeBody,
  XLSX_MIME,
} from '../../../common/contracts';
import { formatPeriod, periodOf } from '../../../common/period';
import type { ModuleDeps } from '../../app';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { offsetOf } from '../../platform/pagination';
import { sendDocx } from '../../platform/gongwen';
import { sendWorkbook } from '../../platform/xlsx';
import { authorize, holds, scopeSql } from '../../platform/policy';
import { visibleRunSql, visibleSchemeSql } from './access';
import { answerObjection } from './answer-objection';
import { buildRunBulletin } from './bulletin-docx';
import { evaluationCatalogue } from './catalog';
import { createRun } from './create-run';
import { createScheme, reviseScheme } from './create-scheme';
import { enterManualScore } from './enter-manual-score';
import { exportResults } from './export-results';
import { fileObjection } from './file-objection';
import { mayReadAll } from './policy';
import { readBulletinText } from './bulletin-docx';
import { editBulletinText } from './edit-bulletin-text';
import { enterAnnualItem } from './enter-annual-item';
import { exportRollup } from './export-rollup';
import { readRollup, readSubjectHistory } from './read-standings';
import { removeAnnualItem } from './remove-annual-item';
import { annualItems } from './standings-repository';
import { presentAnnualItem, presentRun, presentScheme } from './presenter';
import { readObjection, readObjections, readProvenance, readResults, readRun } from './read-run';
import { findScheme, listManualScores, listRuns, listSchemes } from './repository';
import { transitionRun } from './run-workflow';
import { manualScoreQuery, provenanceQuery, runListQuery, schemeListQuery, subjectParams } from './schemas';
import './indicators';

/** The current year (Beijing calendar) as a period code. */
const thisYear = (ctx: Ctx) => formatPeriod(periodOf('year', ctx.clock.now()));

export function evaluationRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['evaluation'];

    app.get('/indicators', { schema: { tags, response: { 200: evaluationIndicatorsResponse } } }, async (req) => {
      authorize(req.ctx.actor, 'evaluation.read');
      return { items: evaluationCatalogue() };
    });

    /* ---------------------------------------------------------------- schemes */

    app.post('/schemes', { schema: { tags, body: createSchemeBody, response: { 201: schemeCreatedResponse } } }, async (req, reply) => {
      authorize(req.ctx.actor, 'evaluation.manage');
      return reply.status(201).send(await createScheme(req.ctx, req.body));
    });

    app.get('/schemes', { schema: { tags, querystring: schemeListQuery, response: { 200: schemePage } } }, async (req) => {
      authorize(req.ctx.actor, 'evaluation.read');
      const { rows, total } = await listSchemes(
        req.ctx.db,
        visibleSchemeSql(req.ctx.actor),
        req.query,
        req.query.pageSize,
        offsetOf(req.query),
      );
      return { items: rows.map((s) => presentScheme(s, req.ctx.actor)), total };
    });

    app.get('/schemes/:id', { schema: { tags, params: idParam, response: { 200: schemeResponse } } }, async (req) => {
      const scheme = await findScheme(req.ctx.db, req.params.id);
      if (!scheme || !mayReadAll(req.ctx.actor, scheme)) throw notFound('考核方案');
      return presentScheme(scheme, req.ctx.actor);
    });

    app.put(
      '/schemes/:id',
      { schema: { tags, params: idParam, body: updateSchemeBody, response: { 201: schemeCreatedResponse } } },
      async (req, reply) => reply.status(201).send(await reviseScheme(req.ctx, req.params.id, req.body)),
    );

    /* ---------------------------------------------------------------- runs */

    app.post('/runs', { schema: { tags, body: createRunBody, response: { 201: runCreatedResponse } } }, async (req, reply) => {
      authorize(req.ctx.actor, 'evaluation.manage');
      return reply.status(201).send(await createRun(req.ctx, req.body));
    });

    app.get('/runs', { schema: { tags, querystring: runListQuery, response: { 200: runPage } } }, async (req) => {
      const a = req.ctx.actor;
      if (!holds(a, 'evaluation.viewPublished') && !holds(a, 'evaluation.object')) authorize(a, 'evaluation.read');
      const { rows, total } = await listRuns(req.ctx.db, visibleRunSql(a), req.query, req.query.pageSize, offsetOf(req.query));
      return { items: rows.map((r) => presentRun(r, a, mayReadAll(a, r))), total };
    });

    app.get('/runs/:id', { schema: { tags, params: idParam, response: { 200: runResponse } } }, async (req) =>
      readRun(req.ctx, req.params.id),
    );

    app.get('/runs/:id/results', { schema: { tags, params: idParam, response: { 200: runResultsResponse } } }, async (req) =>
      readResults(req.ctx, req.params.id),
    );

    app.get(
      '/runs/:id/results.xlsx',
      { schema: { tags, params: idParam, response: { 200: fileResponse(XLSX_MIME, '考核结果') } } },
      async (req, reply) => {
        const { fileName, buffer } = await exportResults(req.ctx, req.params.id);
        return sendWorkbook(reply, fileName, buffer);
      },
    );

    app.get(
      '/runs/:id/bulletin.docx',
      { schema: { tags, params: idParam, response: { 200: fileResponse(DOCX_MIME, '考核排名通报') } } },
      async (req, reply) => {
        const { fileName, buffer } = await buildRunBulletin(req.ctx, req.params.id);
        return sendDocx(reply, fileName, buffer);
      },
    );

    app.get(
      '/runs/:id/subjects/:subjectId/provenance',
      { schema: { tags, params: subjectParams, querystring: provenanceQuery, response: { 200: provenanceResponse } } },
      async (req) => readProvenance(req.ctx, req.params.id, req.params.subjectId, req.query.code),
    );

    app.post(
      '/runs/:id/transitions',
      { schema: { tags, params: idParam, body: runTransitionBody, response: { 200: runTransitionResponse } } },
      async (req) => {
        const more = await transitionRun(req.ctx, req.params.id, req.body);
        return { run: await readRun(req.ctx, req.params.id), ...(more.revisionId ? { revisionId: String(more.revisionId) } : {}) };
      },
    );

    app.get('/runs/:id/bulletin-text', { schema: { tags, params: idParam, response: { 200: bulletinTextResponse } } }, async (req) =>
      readBulletinText(req.ctx, req.params.id),
    );

    app.put(
      '/runs/:id/bulletin-text',
      { schema: { tags, params: idParam, body: bulletinTextBody, response: { 204: noContent } } },
      async (req, reply) => {
        await editBulletinText(req.ctx, req.params.id, req.body);
        return reply.status(204).send(null);
      },
    );

    /* ---------------------------------------------------------------- standings over time */

    app.get('/subjects/:id/history', { schema: { tags, params: idParam, response: { 200: subjectHistoryResponse } } }, async (req) =>
      readSubjectHistory(req.ctx, req.params.id),
    );

    app.get(
      '/schemes/:id/rollup',
      { schema: { tags, params: idParam, querystring: rollupQuery, response: { 200: rollupResponse } } },
      async (req) => readRollup(req.ctx, req.params.id, req.query.period ?? thisYear(req.ctx)),
    );

    app.get(
      '/schemes/:id/rollup.xlsx',
      { schema: { tags, params: idParam, querystring: rollupQuery, response: { 200: fileResponse(XLSX_MIME, '考核汇总') } } },
      async (req, reply) => {
        const { fileName, buffer } = await exportRollup(req.ctx, req.params.id, req.query.period ?? thisYear(req.ctx));
        return sendWorkbook(reply, fileName, buffer);
      },
    );

    app.get('/annual-items', { schema: { tags, querystring: annualItemQuery, response: { 200: annualItemPage } } }, async (req) => {
      const scheme = await findScheme(req.ctx.db, req.query.schemeId);
      if (!scheme || !mayReadAll(req.ctx.actor, scheme)) throw notFound('考核方案');
      const rows = await annualItems(req.ctx.db, scheme.scheme_key, req.query.year ?? Number(thisYear(req.ctx)));
      return { items: rows.map(presentAnnualItem), total: rows.length };
    });

    app.post('/annual-items', { schema: { tags, body: annualItemBody, response: { 201: annualItemResponse } } }, async (req, reply) => {
      const id = await enterAnnualItem(req.ctx, req.body);
      const scheme = (await findScheme(req.ctx.db, req.body.schemeId))!;
      const row = (await annualItems(req.ctx.db, scheme.scheme_key, req.body.year)).find((r) => r.id === id)!;
      return reply.status(201).send(presentAnnualItem(row));
    });

    app.delete('/annual-items/:id', { schema: { tags, params: idParam, response: { 204: noContent } } }, async (req, reply) => {
      await removeAnnualItem(req.ctx, req.params.id);
      return reply.status(204).send(null);
    });

    /* ---------------------------------------------------------------- objections */

    app.get('/runs/:id/objections', { schema: { tags, params: idParam, response: { 200: objectionPage } } }, async (req) =>
      readObjections(req.ctx, req.params.id),
    );

    app.post(
      '/runs/:id/objections',
      { schema: { tags, params: idParam, body: createObjectionBody, response: { 201: objectionResponse } } },
      async (req, reply) => {
        const id = await fileObjection(req.ctx, req.params.id, req.body);
        return reply.status(201).send(await readObjection(req.ctx, id));
      },
    );

    app.get('/objections/:id', { schema: { tags, params: idParam, response: { 200: objectionResponse } } }, async (req) =>
      readObjection(req.ctx, req.params.id),
    );

    app.post(
      '/objections/:id/answer',
      { schema: { tags, params: idParam, body: answerObjectionBody, response: { 200: objectionResponse } } },
      async (req) => {
        await answerObjection(req.ctx, req.params.id, req.body);
        return readObjection(req.ctx, req.params.id);
      },
    );

    /* ---------------------------------------------------------------- 人工评分 */

    app.post('/manual-scores', { schema: { tags, body: manualScoreBody, response: { 204: noContent } } }, async (req, reply) => {
      await enterManualScore(req.ctx, req.body);
      return reply.status(204).send(null);
    });

    app.get('/manual-scores', { schema: { tags, querystring: manualScoreQuery, response: { 200: manualScorePage } } }, async (req) => {
      authorize(req.ctx.actor, 'evaluation.read');
      const { rows, total } = await listManualScores(
        req.ctx.db,
        (cols) => scopeSql(req.ctx.actor, 'evaluation.read', cols),
        req.query,
        req.query.pageSize,
        offsetOf(req.query),
      );
      return {
        items: rows.map((m) => ({
          id: m.id,
          code: m.code,
          subjectType: m.subject_type,
          subjectId: m.subject_id,
          subjectName: m.subject_name,
          period: m.period,
          value: m.value,
          reason: m.reason,
          fileId: m.file_id,
          enteredAt: m.entered_at,
        })),
        total,
      };
    });
  };
}
