/** /api/materials: evidence upload per standard and period, review, download, and the completeness view. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { periodCodeSchema } from '../../../common/period';
import type { ModuleDeps } from '../../app';
import type { Actor } from '../../platform/actor';
import { notFound } from '../../platform/errors';
import { blankToUndefined, offsetOf, pageQuery } from '../../platform/pagination';
import { authorize, can, scopeSql } from '../../platform/policy';
import { sendStored } from '../files/send-stored';
import { completeness, findSubmission, listSubmissions, submissionFile, submissionFiles } from './repository';
import { materialBlockedReason, reviewMaterial } from './review-material';
import { readMaterialUpload, submitMaterial } from './submit-material';
import './policy';
import {
  completenessResponse,
  fileResponse,
  idParam,
  MATERIAL_FILE_MIMES,
  materialDetailResponse,
  materialPage,
  materialResponse,
  noContent,
  reviewMaterialBody,
} from '../../../common/contracts';
import type { MaterialState } from '../../../common/material-workflow';
import type { StandardRole, CompletenessStatus } from '../../../common/inspections';

const scope = (actor: Actor, permission: string) => scopeSql(actor, permission, { regionPath: sql.ref('r.path'), unitId: sql.ref('u.id') });

function present(m: NonNullable<Awaited<ReturnType<typeof findSubmission>>>, actor: Actor) {
  return {
    id: m.id,
    standardId: m.standard_id,
    standardCode: m.standard_code,
    standardText: m.standard_text,
    unitId: m.unit_id,
    unitName: m.unit_name,
    period: m.period,
    note: m.note,
    status: m.status as MaterialState,
    submittedAt: m.submitted_at,
    reviewedAt: m.reviewed_at,
    reviewComment: m.review_comment,
    version: m.version,
    abilities: { review: materialBlockedReason(actor, m, 'pass') === null },
  };
}

/** Registers the materials routes. */
export function materialRoutes(deps: ModuleDeps): FastifyPluginAsync {
  const { storage } = deps;
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['materials'];

    app.post('/', { schema: { tags, consumes: ['multipart/form-data'], response: { 201: materialResponse } } }, async (req, reply) => {
      authorize(req.ctx.actor, 'materials.submit');
      const id = await submitMaterial(req.ctx, storage, await readMaterialUpload(req));
      return reply.status(201).send(present((await findSubmission(req.ctx.db, id))!, req.ctx.actor));
    });

    const listQuery = pageQuery.extend({
      status: z.preprocess(blankToUndefined, z.enum(['submitted', 'passed', 'returned']).optional()),
      unitId: z.preprocess(blankToUndefined, z.uuid().optional()),
      standardId: z.preprocess(blankToUndefined, z.uuid().optional()),
      period: z.preprocess(blankToUndefined, z.string().max(10).optional()),
    });
    app.get('/', { schema: { querystring: listQuery, response: { 200: materialPage }, tags } }, async (req) => {
      authorize(req.ctx.actor, 'materials.list');
      const [items, total] = await listSubmissions(
        req.ctx.db,
        scope(req.ctx.actor, 'materials.list'),
        req.query,
        req.query.pageSize,
        offsetOf(req.query),
      );
      return { items: items.map((m) => present(m, req.ctx.actor)), total: total.n };
    });

    app.get(
      '/completeness',
      {
        schema: { querystring: z.object({ versionId: z.uuid(), period: periodCodeSchema }), response: { 200: completenessResponse }, tags },
      },
      async (req) => {
        authorize(req.ctx.actor, 'materials.list');
        const rows = (await completeness(req.ctx.db, req.query.versionId, req.query.period, scope(req.ctx.actor, 'materials.list'))).rows;
        const missing = rows.filter((r) => !r.status || r.status === 'returned').length;
        return {
          items: rows.map((r) => ({
            standardId: r.standard_id,
            code: r.code,
            text: r.text,
            unitId: r.unit_id,
            unitName: r.unit_name,
            role: r.role as StandardRole,
            status: (r.status ?? 'missing') as CompletenessStatus,
            submissionId: r.submission_id,
          })),
          total: rows.length,
          missing,
        };
      },
    );

    app.get('/:id', { schema: { params: idParam, response: { 200: materialDetailResponse }, tags } }, async (req) => {
      const m = await findSubmission(req.ctx.db, req.params.id);
      if (!m || !can(req.ctx.actor, 'materials.read', { regionPath: m.region_path, unitId: m.unit_id })) throw notFound('材料');
      const files = await submissionFiles(req.ctx.db, m.id);
      return {
        ...present(m, req.ctx.actor),
        files: files.map((f) => ({
          id: f.id,
          name: f.original_name,
          mime: f.mime,
          size: f.size,
          createdAt: f.created_at,
          url: `/api/materials/${m.id}/files/${f.id}`,
        })),
      };
    });

    app.get(
      '/:id/files/:fileId',
      {
        schema: {
          params: z.object({ id: z.uuid(), fileId: z.uuid() }),
          response: { 200: fileResponse(MATERIAL_FILE_MIMES, '材料文件') },
          tags,
        },
      },
      async (req, reply) => {
        const m = await findSubmission(req.ctx.db, req.params.id);
        if (!m || !can(req.ctx.actor, 'materials.read', { regionPath: m.region_path, unitId: m.unit_id })) throw notFound('材料');
        const f = await submissionFile(req.ctx.db, m.id, req.params.fileId);
        if (!f) throw notFound('文件');
        return sendStored(reply, storage, f.storage_key, f.mime, f.original_name ?? `${f.id}`);
      },
    );

    app.post(
      '/:id/review',
      {
        schema: {
          params: idParam,
          body: reviewMaterialBody,
          response: { 204: noContent },
          tags,
        },
      },
      async (req, reply) => {
        await reviewMaterial(req.ctx, req.params.id, req.body);
        return reply.status(204).send(null);
      },
    );
  };
}
