/**
 * /api/surveys: questionnaires (versions, starter templates), waves (population, quotas, interviewers, 开始/结束调查),
 * interviews (POST /waves/:id/responses: 201 for a new interview, 200 with `duplicate: true` for a clientId already
 * received) and their review. Thin: parse, call one command or reader, present. Results, exports and indicators are in
 * results-routes.ts; the public link in public-routes.ts.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  fileResponse,
  idParam,
  interviewBody,
  interviewCreated,
  myWaves,
  questionnaireBody,
  questionnaireFromTemplateBody,
  questionnaireListQuery,
  questionnairePage,
  questionnaireResponse,
  questionnaireTemplates,
  questionnaireUpdateBody,
  responseListQuery,
  responsePage,
  responseRow,
  reviewBody,
  waveBody,
  waveListQuery,
  wavePage,
  waveResponse,
  waveTransitionBody,
  waveUpdateBody,
  XLSX_MIME,
} from '../../../common/contracts';
import type { ModuleDeps } from '../../app';
import { authorize } from '../../platform/policy';
import { readUploadedWorkbookWithFields, sendWorkbook } from '../../platform/xlsx';
import './policy';
import { exportQuestionnaire, importQuestionnaire } from './questionnaire-workbook';
import { readMyWaves } from './read-my-waves';
import { readQuestionnaire, readQuestionnaires } from './read-questionnaires';
import { readResponses } from './read-responses';
import { readWave, readWaves } from './read-waves';
import { recordInterview } from './record-interview';
import { reviewResponse } from './review-response';
import { createFromTemplate, createQuestionnaire, retireQuestionnaire, reviseQuestionnaire } from './save-questionnaire';
import { createWave, updateWave } from './save-wave';
import { templateSummaries } from './templates';
import { transitionWave } from './wave-workflow';

export function surveyRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['surveys'];

    /* ---------------------------------------------------------------- questionnaires */

    app.get(
      '/questionnaires',
      { schema: { tags, querystring: questionnaireListQuery, response: { 200: questionnairePage } } },
      async (req) => readQuestionnaires(req.ctx, req.query),
    );

    app.get('/questionnaire-templates', { schema: { tags, response: { 200: questionnaireTemplates } } }, async (req) => {
      authorize(req.ctx.actor, 'surveys.manage');
      return templateSummaries();
    });

    app.post(
      '/questionnaires',
      { schema: { tags, body: questionnaireBody, response: { 201: questionnaireResponse } } },
      async (req, reply) => reply.status(201).send(await readQuestionnaire(req.ctx, await createQuestionnaire(req.ctx, req.body))),
    );

    app.post(
      '/questionnaires/from-template',
      { schema: { tags, body: questionnaireFromTemplateBody, response: { 201: questionnaireResponse } } },
      async (req, reply) => reply.status(201).send(await readQuestionnaire(req.ctx, await createFromTemplate(req.ctx, req.body))),
    );

    app.post(
      '/questionnaires/import',
      { schema: { tags, consumes: ['multipart/form-data'], response: { 201: questionnaireResponse } } },
      async (req, reply) => {
        const { buffer, fields } = await readUploadedWorkbookWithFields(req);
        return reply.status(201).send(await readQuestionnaire(req.ctx, await importQuestionnaire(req.ctx, buffer, fields)));
      },
    );

    app.get(
      '/questionnaires/:id/export',
      { schema: { tags, params: idParam, response: { 200: fileResponse(XLSX_MIME, '调查问卷') } } },
      async (req, reply) => {
        const { fileName, buffer } = await exportQuestionnaire(req.ctx, req.params.id);
        return sendWorkbook(reply, fileName, buffer);
      },
    );

    app.get('/questionnaires/:id', { schema: { tags, params: idParam, response: { 200: questionnaireResponse } } }, async (req) =>
      readQuestionnaire(req.ctx, req.params.id),
    );

    app.put(
      '/questionnaires/:id',
      { schema: { tags, params: idParam, body: questionnaireUpdateBody, response: { 200: questionnaireResponse } } },
      async (req) => readQuestionnaire(req.ctx, await reviseQuestionnaire(req.ctx, req.params.id, req.body)),
    );

    app.post('/questionnaires/:id/retire', { schema: { tags, params: idParam, response: { 200: questionnaireResponse } } }, async (req) => {
      await retireQuestionnaire(req.ctx, req.params.id);
      return readQuestionnaire(req.ctx, req.params.id);
    });

    /* ---------------------------------------------------------------- waves */

    app.get('/waves', { schema: { tags, querystring: waveListQuery, response: { 200: wavePage } } }, async (req) =>
      readWaves(req.ctx, req.query),
    );

    app.post('/waves', { schema: { tags, body: waveBody, response: { 201: waveResponse } } }, async (req, reply) =>
      reply.status(201).send(await readWave(req.ctx, await createWave(req.ctx, req.body))),
    );

    app.get('/waves/:id', { schema: { tags, params: idParam, response: { 200: waveResponse } } }, async (req) =>
      readWave(req.ctx, req.params.id),
    );

    app.put('/waves/:id', { schema: { tags, params: idParam, body: waveUpdateBody, response: { 200: waveResponse } } }, async (req) => {
      await updateWave(req.ctx, req.params.id, req.body);
      return readWave(req.ctx, req.params.id);
    });

    app.post(
      '/waves/:id/transitions',
      { schema: { tags, params: idParam, body: waveTransitionBody, response: { 200: waveResponse } } },
      async (req) => {
        await transitionWave(req.ctx, req.params.id, req.body);
        return readWave(req.ctx, req.params.id);
      },
    );

    /* ---------------------------------------------------------------- interviews */

    app.get('/my-waves', { schema: { tags, response: { 200: myWaves } } }, async (req) => readMyWaves(req.ctx));

    app.post(
      '/waves/:id/responses',
      { schema: { tags, params: idParam, body: interviewBody, response: { 200: interviewCreated, 201: interviewCreated } } },
      async (req, reply) => {
        const result = await recordInterview(req.ctx, req.params.id, req.body);
        return reply.status(result.duplicate ? 200 : 201).send(result);
      },
    );

    /* ---------------------------------------------------------------- review */

    app.get(
      '/waves/:id/responses',
      { schema: { tags, params: idParam, querystring: responseListQuery, response: { 200: responsePage } } },
      async (req) => readResponses(req.ctx, req.params.id, req.query),
    );

    app.post(
      '/responses/:id/review',
      { schema: { tags, params: idParam, body: reviewBody, response: { 200: responseRow } } },
      async (req) => reviewResponse(req.ctx, req.params.id, req.body),
    );
  };
}
