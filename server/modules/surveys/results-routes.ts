/** /api/surveys/waves/:id/results and the exports: the raw answers (.xlsx) and the results report (.docx). */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { fileResponse, idParam, XLSX_MIME } from '../../../common/contracts';
import { DOCX_MIME } from '../../../common/contracts/inspections';
import { resultsQuery, surveyResults } from '../../../common/contracts/surveys';
import type { ModuleDeps } from '../../app';
import { sendDocx } from '../../platform/gongwen';
import { sendWorkbook } from '../../platform/xlsx';
import { exportAnswers } from './export-answers';
import './policy';
import { readResults } from './read-results';
import { buildResultsReport } from './report-docx';

export function surveyResultRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['surveys'];

    app.get(
      '/waves/:id/results',
      {
        schema: {
          tags,
          params: idParam,
          querystring: resultsQuery,
          response: { 200: surveyResults },
          summary: '调查结果（四率及置信区间）',
        },
      },
      async (req) => readResults(req.ctx, req.params.id, req.query),
    );

    app.get(
      '/waves/:id/answers.xlsx',
      { schema: { tags, params: idParam, response: { 200: fileResponse(XLSX_MIME, '问卷原始答卷') }, summary: '导出原始答卷' } },
      async (req, reply) => {
        const { fileName, buffer } = await exportAnswers(req.ctx, req.params.id);
        return sendWorkbook(reply, fileName, buffer);
      },
    );

    app.get(
      '/waves/:id/report.docx',
      { schema: { tags, params: idParam, response: { 200: fileResponse(DOCX_MIME, '问卷调查结果报告') }, summary: '调查结果报告' } },
      async (req, reply) => {
        const { fileName, buffer } = await buildResultsReport(req.ctx, req.params.id);
        return sendDocx(reply, fileName, buffer);
      },
    );
  };
}
