/**
 * /api/public: the citizens' door (no account; `isPublic`, the anonymous actor). 随手拍: the proof-of-work challenge,
 * the public category list, photo upload, phone codes, the report, tracking by code (with the public photo copies)
 * and the rating. No answer carries the reporter's identity, staff names or internal notes.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { fileResponse } from '../../../common/contracts';
import {
  phoneCodeBody,
  phoneCodeSent,
  publicCategories,
  publicChallenge,
  publicFile,
  publicReportBody,
  publicReportCreated,
  publicTracking,
  publicUploadQuery,
  ratingBody,
  trackingParam,
  trackingPhotoParam,
} from '../../../common/contracts/public-reports';
import type { ModuleDeps } from '../../app';
import { readPhotoUpload } from '../files/read-upload';
import { issueChallenge } from './challenge';
import { loadPublicHashKey } from './hash-key';
import { sendPhoneCode } from './phone-codes';
import { publicPhoto, sendPublicPhoto } from './public-photo';
import { takeRateLimit } from './rate-limit';
import { rateReport } from './rate-report';
import { readMultipartReport } from './read-multipart-report';
import { readPublicOptions } from './read-lists';
import { readTracking } from './read-tracking';
import { submitCitizenReport } from './submit-citizen-report';
import { countUpload, uploadPublicPhoto } from './upload-public-photo';
import { useStorageForCleanup } from './clean-up-leftovers';
import './policy';

export function publicReportRoutes(deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    await loadPublicHashKey(deps.db);
    // The scheduled clean-up of unclaimed uploads deletes their stored objects through the same storage.
    useStorageForCleanup(deps.storage);
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['public'];
    const config = { isPublic: true };

    app.get(
      '/challenge',
      { config, schema: { tags, summary: '人机验证（工作量证明）', response: { 200: publicChallenge } } },
      async (req, reply) => {
        await takeRateLimit(req.ctx.db, 'challenge', { ip: req.ctx.meta.ip }, req.ctx.clock.now());
        reply.header('cache-control', 'no-store');
        return issueChallenge(req.ctx);
      },
    );

    app.get(
      '/categories',
      { config, schema: { tags, summary: '随手拍问题类别与区县', response: { 200: publicCategories } } },
      async (req) => readPublicOptions(req.ctx),
    );

    app.post(
      '/files',
      {
        config,
        schema: {
          tags,
          consumes: ['multipart/form-data'],
          querystring: publicUploadQuery,
          summary: '随手拍上传照片（multipart：file，可选 lat、lng）',
          response: { 201: publicFile },
        },
      },
      async (req, reply) => {
        await countUpload(req.ctx, req.query.deviceId);
        const upload = await readPhotoUpload(req);
        return reply.status(201).send(await uploadPublicPhoto(req.ctx, deps.storage, req.query.deviceId, upload));
      },
    );

    app.post(
      '/phone-codes',
      { config, schema: { tags, summary: '发送手机验证码', body: phoneCodeBody, response: { 202: phoneCodeSent } } },
      async (req, reply) => reply.status(202).send(await sendPhoneCode(req.ctx, deps.outbox, req.body)),
    );

    app.post(
      '/reports',
      {
        config,
        schema: {
          tags,
          summary: '提交随手拍（JSON：先经 /files 上传照片得到 photoIds；或 multipart：照片 file 与文字字段一起提交）',
          body: publicReportBody,
          response: { 201: publicReportCreated },
        },
        // multipart/form-data: the photos are stored first (the upload pipeline and limits), then the fields with
        // their ids are validated as the JSON body would be.
        preValidation: async (req) => {
          if (req.isMultipart()) req.body = (await readMultipartReport(req, req.ctx, deps.storage)) as typeof req.body;
        },
      },
      async (req, reply) => reply.status(201).send(await submitCitizenReport(req.ctx, req.body)),
    );

    app.get(
      '/reports/:trackingCode',
      { config, schema: { tags, summary: '按查询码查看办理进度', params: trackingParam, response: { 200: publicTracking } } },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return readTracking(req.ctx.db, req.params.trackingCode);
      },
    );

    app.get(
      '/reports/:trackingCode/photos/:fileId',
      {
        config,
        schema: {
          tags,
          summary: '随手拍照片（公开副本，已去除 EXIF）',
          params: trackingPhotoParam,
          response: { 200: fileResponse('image/jpeg', '照片') },
        },
      },
      async (req, reply) => {
        const jpeg = await publicPhoto(req.ctx.db, deps.storage, req.params.trackingCode, req.params.fileId);
        return sendPublicPhoto(reply, jpeg);
      },
    );

    app.post(
      '/reports/:trackingCode/rating',
      { config, schema: { tags, summary: '评价办理结果', params: trackingParam, body: ratingBody, response: { 200: publicTracking } } },
      async (req) => rateReport(req.ctx, req.params.trackingCode, req.body),
    );
  };
}
