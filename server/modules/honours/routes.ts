/**
 * 好人之城 — staff routes under /api/honours (office, leaders, task force, units) and the public door under
 * /api/public/honours (anonymous: selections on display, candidates, photos without EXIF, nominations, votes, 好人榜):
 *   GET /categories; GET/POST /selections; GET/PATCH /selections/:id; POST /selections/:id/publish;
 *   GET/POST /selections/:id/nominations; GET /selections/:id/flags; POST /selections/:id/votes/exclude;
 *   GET /selections/:id/results; PUT /selections/:id/review-scores; GET /selections/:id/bulletin.docx;
 *   GET /nominations/:id; POST /nominations/:id/approve | reject | forward; GET /nominations/:id/forward-targets.
 * Thin: parse (common/contracts/honours.ts), call one command or reader, present.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  approveNominationBody,
  excludeVotesBody,
  excludeVotesResult,
  flaggedVotePage,
  flagsQuery,
  forwardNominationBody,
  forwardTargetList,
  honourCategoryList,
  nominationBody,
  nominationPage,
  nominationResponse,
  nominationsQuery,
  publicCandidateDetail,
  publicCandidateParam,
  publicHonourRoll,
  publicHonourRollQuery,
  publicNominationBody,
  publicNominationCreated,
  publicPhotoParam,
  publicSelectionDetail,
  publicSelectionPage,
  publicSelectionsQuery,
  publicVoteBody,
  publicVoteCreated,
  publishSelectionBody,
  rejectNominationBody,
  resultsResponse,
  reviewScoresBody,
  selectionBody,
  selectionIdParam,
  selectionPage,
  selectionResponse,
  selectionsQuery,
  updateSelectionBody,
} from '../../../common/contracts/honours';
import { DOCX_MIME } from '../../../common/contracts/inspections';
import { fileResponse, idParam } from '../../../common/contracts/shared';
import type { ModuleDeps } from '../../app';
import { sendDocx } from '../../platform/gongwen';
import { loadPublicHashKey } from '../public-reports/hash-key';
import { sendPublicPhoto } from '../public-reports/public-photo';
import { buildHonourBulletin } from './bulletin-docx';
import { castVote } from './cast-vote';
import { createSelection } from './create-selection';
import { excludeVotes } from './exclude-votes';
import { forwardNomination, forwardTargets } from './forward-nomination';
import { nominate } from './nominate';
import { nominatePublic } from './nominate-public';
import { verifyNomination } from './nomination-workflow';
import './policy';
import { publishSelection } from './publish-selection';
import { readFlags } from './read-flags';
import { publicCandidatePhoto, readHonourRoll, readPublicCandidate, readPublicSelection, readPublicSelections } from './read-public';
import { readCategories, readNomination, readNominations, readSelection, readSelections } from './read-selections';
import { readResults } from './results';
import { setReviewScores } from './set-review-scores';
import { updateSelection } from './update-selection';

function staffRoutes(): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['honours'];

    app.get('/categories', { schema: { tags, response: { 200: honourCategoryList } } }, async (req) => readCategories(req.ctx));
    app.get('/selections', { schema: { tags, querystring: selectionsQuery, response: { 200: selectionPage } } }, async (req) =>
      readSelections(req.ctx, req.query),
    );
    app.post('/selections', { schema: { tags, body: selectionBody, response: { 201: selectionResponse } } }, async (req, reply) =>
      reply.status(201).send(await readSelection(req.ctx, await createSelection(req.ctx, req.body))),
    );
    app.get('/selections/:id', { schema: { tags, params: idParam, response: { 200: selectionResponse } } }, async (req) =>
      readSelection(req.ctx, req.params.id),
    );
    app.patch(
      '/selections/:id',
      { schema: { tags, params: idParam, body: updateSelectionBody, response: { 200: selectionResponse } } },
      async (req) => readSelection(req.ctx, await updateSelection(req.ctx, req.params.id, req.body)),
    );
    app.post(
      '/selections/:id/publish',
      { schema: { tags, params: idParam, body: publishSelectionBody, response: { 200: selectionResponse } } },
      async (req) => {
        await publishSelection(req.ctx, req.params.id, req.body);
        return readSelection(req.ctx, req.params.id);
      },
    );
    app.get(
      '/selections/:id/nominations',
      { schema: { tags, params: idParam, querystring: nominationsQuery, response: { 200: nominationPage } } },
      async (req) => readNominations(req.ctx, req.params.id, req.query),
    );
    app.post(
      '/selections/:id/nominations',
      { schema: { tags, params: idParam, body: nominationBody, response: { 201: nominationResponse } } },
      async (req, reply) => reply.status(201).send(await readNomination(req.ctx, await nominate(req.ctx, req.params.id, req.body))),
    );
    app.get(
      '/selections/:id/flags',
      { schema: { tags, params: idParam, querystring: flagsQuery, response: { 200: flaggedVotePage } } },
      async (req) => readFlags(req.ctx, req.params.id, req.query),
    );
    app.post(
      '/selections/:id/votes/exclude',
      { schema: { tags, params: idParam, body: excludeVotesBody, response: { 200: excludeVotesResult } } },
      async (req) => excludeVotes(req.ctx, req.params.id, req.body),
    );
    app.get('/selections/:id/results', { schema: { tags, params: idParam, response: { 200: resultsResponse } } }, async (req) =>
      readResults(req.ctx, req.params.id),
    );
    app.put(
      '/selections/:id/review-scores',
      { schema: { tags, params: idParam, body: reviewScoresBody, response: { 200: resultsResponse } } },
      async (req) => {
        await setReviewScores(req.ctx, req.params.id, req.body);
        return readResults(req.ctx, req.params.id);
      },
    );
    app.get(
      '/selections/:id/bulletin.docx',
      { schema: { tags, params: idParam, response: { 200: fileResponse(DOCX_MIME, '好人榜公告名单（.docx）') } } },
      async (req, reply) => {
        const { fileName, buffer } = await buildHonourBulletin(req.ctx, req.params.id);
        return sendDocx(reply, fileName, buffer);
      },
    );
    app.get('/nominations/:id', { schema: { tags, params: idParam, response: { 200: nominationResponse } } }, async (req) =>
      readNomination(req.ctx, req.params.id),
    );
    app.post(
      '/nominations/:id/approve',
      { schema: { tags, params: idParam, body: approveNominationBody, response: { 200: nominationResponse } } },
      async (req) => {
        await verifyNomination(req.ctx, req.params.id, 'approve', req.body);
        return readNomination(req.ctx, req.params.id);
      },
    );
    app.post(
      '/nominations/:id/reject',
      { schema: { tags, params: idParam, body: rejectNominationBody, response: { 200: nominationResponse } } },
      async (req) => {
        await verifyNomination(req.ctx, req.params.id, 'reject', req.body);
        return readNomination(req.ctx, req.params.id);
      },
    );
    app.get('/nominations/:id/forward-targets', { schema: { tags, params: idParam, response: { 200: forwardTargetList } } }, async (req) =>
      forwardTargets(req.ctx, req.params.id),
    );
    app.post(
      '/nominations/:id/forward',
      { schema: { tags, params: idParam, body: forwardNominationBody, response: { 201: nominationResponse } } },
      async (req, reply) =>
        reply.status(201).send(await readNomination(req.ctx, await forwardNomination(req.ctx, req.params.id, req.body.targetSelectionId))),
    );
  };
}

function publicRoutes(deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    await loadPublicHashKey(deps.db);
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['public'];
    const config = { isPublic: true };

    app.get(
      '/honours/selections',
      {
        config,
        schema: { tags, summary: '公示中的评选与已发布的评选', querystring: publicSelectionsQuery, response: { 200: publicSelectionPage } },
      },
      async (req) => readPublicSelections(req.ctx, req.query),
    );
    app.get(
      '/honours/roll',
      {
        config,
        schema: { tags, summary: '好人榜（按月份、类别）', querystring: publicHonourRollQuery, response: { 200: publicHonourRoll } },
      },
      async (req) => readHonourRoll(req.ctx, req.query),
    );
    app.get(
      '/honours/:selectionId',
      { config, schema: { tags, summary: '评选公示：候选人与事迹', params: selectionIdParam, response: { 200: publicSelectionDetail } } },
      async (req) => readPublicSelection(req.ctx, req.params.selectionId),
    );
    app.get(
      '/honours/candidates/:id',
      { config, schema: { tags, summary: '候选人事迹', params: publicCandidateParam, response: { 200: publicCandidateDetail } } },
      async (req) => readPublicCandidate(req.ctx, req.params.id),
    );
    app.get(
      '/honours/candidates/:id/photos/:fileId',
      {
        config,
        schema: {
          tags,
          summary: '候选人照片（公开副本，已去除 EXIF）',
          params: publicPhotoParam,
          response: { 200: fileResponse('image/jpeg', '照片') },
        },
      },
      async (req, reply) =>
        sendPublicPhoto(reply, await publicCandidatePhoto(req.ctx, req.ctx.db, deps.storage, req.params.id, req.params.fileId)),
    );
    app.post(
      '/honours/:selectionId/nominations',
      {
        config,
        schema: {
          tags,
          summary: '群众推荐身边好人（人机验证；照片先经 /api/public/files 上传）',
          params: selectionIdParam,
          body: publicNominationBody,
          response: { 201: publicNominationCreated },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send({ id: await nominatePublic(req.ctx, req.params.selectionId, req.body), message: '推荐已提交，经审核后公示' }),
    );
    app.post(
      '/honours/:selectionId/votes',
      {
        config,
        schema: {
          tags,
          summary: '为候选人投票（每人每天每位候选人一票）',
          params: selectionIdParam,
          body: publicVoteBody,
          response: { 201: publicVoteCreated },
        },
      },
      async (req, reply) => reply.status(201).send(await castVote(req.ctx, req.params.selectionId, req.body)),
    );
  };
}

/** Registers the honours routes. */
export async function registerHonourRoutes(app: FastifyInstance, deps: ModuleDeps): Promise<void> {
  await app.register(staffRoutes(), { prefix: '/api/honours' });
  await app.register(publicRoutes(deps), { prefix: '/api/public' });
}
