/**
 * /api — monthly progress: POST /tasks/:id/progress by the lead unit, the review queue (/task-progress) with 通过 /
 * 退回补充, the month's table as .xlsx and the 各单位任务推进情况通报 as .docx; the reports' evidence documents
 * (evidence-routes.ts: POST /tasks/:id/evidence, GET /tasks/:id/evidence/:fileId). Thin: parse, one command, present.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fileResponse, idParam, XLSX_MIME } from '../../../common/contracts/shared';
import { progressActionBody, progressBody, progressPage, progressQuery, progressResponse } from '../../../common/contracts/tasks';
import type { ModuleDeps } from '../../app';
import { sendDocx } from '../../platform/gongwen';
import { sendWorkbook } from '../../platform/xlsx';
import './policy';
import { evidenceRoutes } from './evidence-routes';
import { buildProgressBulletin } from './progress-bulletin';
import { buildProgressWorkbook } from './progress-workbook';
import { transitionProgress } from './progress-workflow';
import { readProgress, readProgressPage } from './read-progress';
import { submitProgress } from './submit-progress';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const periodQuery = z.object({ period: progressQuery.shape.period, planId: progressQuery.shape.planId });

export function progressRoutes(deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['plans'];
    await fastify.register(evidenceRoutes(deps));

    app.post(
      '/tasks/:id/progress',
      { schema: { tags, params: idParam, body: progressBody, response: { 200: progressResponse, 201: progressResponse } } },
      async (req, reply) => {
        const { id, created } = await submitProgress(req.ctx, req.params.id, req.body);
        return reply.status(created ? 201 : 200).send(await readProgress(req.ctx, id));
      },
    );

    app.get('/task-progress', { schema: { tags, querystring: progressQuery, response: { 200: progressPage } } }, async (req) =>
      readProgressPage(req.ctx, req.query),
    );

    app.get(
      '/task-progress/export.xlsx',
      { schema: { tags, querystring: periodQuery, response: { 200: fileResponse(XLSX_MIME, '月度任务进度表') } } },
      async (req, reply) => {
        const { fileName, buffer } = await buildProgressWorkbook(req.ctx, req.query);
        return sendWorkbook(reply, fileName, buffer);
      },
    );

    app.get(
      '/task-progress/bulletin.docx',
      { schema: { tags, querystring: periodQuery, response: { 200: fileResponse(DOCX_MIME, '各单位任务推进情况通报') } } },
      async (req, reply) => {
        const { fileName, buffer } = await buildProgressBulletin(req.ctx, req.query);
        return sendDocx(reply, fileName, buffer);
      },
    );

    app.get('/task-progress/:id', { schema: { tags, params: idParam, response: { 200: progressResponse } } }, async (req) =>
      readProgress(req.ctx, req.params.id),
    );

    app.post(
      '/task-progress/:id/actions',
      { schema: { tags, params: idParam, body: progressActionBody, response: { 200: progressResponse } } },
      async (req) => {
        await transitionProgress(req.ctx, req.params.id, req.body);
        return readProgress(req.ctx, req.params.id);
      },
    );
  };
}
