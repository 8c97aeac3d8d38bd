/**
 * /api/citizen-reports: the office's side of the public door — the 待受理 queue of public sources with merge
 * suggestions, 不予受理 with a public reason, merge, and the 回访 list. 受理 is the loop's own transition.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../common/contracts';
import {
  followupBody,
  followupItem,
  followupPage,
  followupQuery,
  mergeCandidates as mergeCandidatesResponse,
  publicCategoryList,
  publicCategoryListBody,
  rejectReasons,
  triageMergeBody,
  triagePage,
  triageQuery,
  triageRejectBody,
  triageResult,
} from '../../../common/contracts/public-reports';
import type { ModuleDeps } from '../../app';
import { readPublicCategoryList, savePublicCategoryList } from './edit-public-categories';
import { answerFollowup } from './follow-up';
import './policy';
import { presentFollowup, readFollowups, readRejectReasons, readTriageQueue } from './read-lists';
import { mergeCandidates, mergePublicReport, rejectPublicReport } from './triage-report';

const result = (p: { id: string; code: string; state: string; duplicate_of: string | null }) => ({
  id: p.id,
  code: p.code,
  state: p.state,
  duplicateOf: p.duplicate_of,
});

export function citizenReportRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['citizen-reports'];

    app.get(
      '/triage',
      { schema: { tags, summary: '待受理（随手拍、Open311、12345）', querystring: triageQuery, response: { 200: triagePage } } },
      async (req) => readTriageQueue(req.ctx, req.query),
    );

    app.get(
      '/public-categories',
      { schema: { tags, summary: '公众类别清单（随手拍可选类别）', response: { 200: publicCategoryList } } },
      async (req) => readPublicCategoryList(req.ctx),
    );

    app.put(
      '/public-categories',
      { schema: { tags, summary: '调整公众类别清单（市级创建办）', body: publicCategoryListBody, response: { 200: publicCategoryList } } },
      async (req) => savePublicCategoryList(req.ctx, req.body.codes),
    );

    app.get('/reject-reasons', { schema: { tags, summary: '不予受理理由（群众可见）', response: { 200: rejectReasons } } }, async (req) =>
      readRejectReasons(req.ctx),
    );

    app.get(
      '/triage/:id/merge-candidates',
      { schema: { tags, summary: '可合并的附近问题', params: idParam, response: { 200: mergeCandidatesResponse } } },
      async (req) => mergeCandidates(req.ctx, req.params.id),
    );

    app.post(
      '/triage/:id/reject',
      { schema: { tags, summary: '不予受理', params: idParam, body: triageRejectBody, response: { 200: triageResult } } },
      async (req) => result(await rejectPublicReport(req.ctx, req.params.id, req.body)),
    );

    app.post(
      '/triage/:id/merge',
      { schema: { tags, summary: '合并到附近问题', params: idParam, body: triageMergeBody, response: { 200: triageResult } } },
      async (req) => result(await mergePublicReport(req.ctx, req.params.id, req.body)),
    );

    app.get(
      '/followups',
      { schema: { tags, summary: '回访（不满意评价）', querystring: followupQuery, response: { 200: followupPage } } },
      async (req) => readFollowups(req.ctx, req.query),
    );

    app.post(
      '/followups/:id',
      { schema: { tags, summary: '记录回访结果', params: idParam, body: followupBody, response: { 200: followupItem } } },
      async (req) => presentFollowup(req.ctx, await answerFollowup(req.ctx, req.params.id, req.body)),
    );
  };
}
