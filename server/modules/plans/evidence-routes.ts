/**
 * /api — a monthly report's evidence documents: POST /tasks/:id/evidence (multipart, one file in `file`) by the lead
 * unit → 201 with the id to name in the report's fileIds; GET /tasks/:id/evidence/:fileId streams it to whoever may
 * read the report's evidence. Thin: check, read, one command, present.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fileResponse, idParam } from '../../../common/contracts/shared';
import { TASK_EVIDENCE_MIMES, taskEvidenceResponse } from '../../../common/contracts/tasks';
import type { ModuleDeps } from '../../app';
import { sendStored } from '../files/send-stored';
import './policy';
import { readEvidence } from './read-evidence';
import { readEvidenceUpload, uploadEvidence } from './upload-evidence';

export function evidenceRoutes(deps: ModuleDeps): FastifyPluginAsync {
  const { storage } = deps;
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['plans'];

    app.post(
      '/tasks/:id/evidence',
      {
        schema: {
          tags,
          params: idParam,
          consumes: ['multipart/form-data'],
          summary: '上传任务进度佐证材料（multipart：file；PDF、Word、Excel、JPEG/PNG，按内容识别，20 MB 以内）',
          response: { 201: taskEvidenceResponse },
        },
      },
      async (req, reply) => reply.status(201).send(await uploadEvidence(req.ctx, storage, req.params.id, () => readEvidenceUpload(req))),
    );

    app.get(
      '/tasks/:id/evidence/:fileId',
      {
        schema: {
          tags,
          params: z.object({ id: z.uuid('任务编号格式不正确'), fileId: z.uuid('文件编号格式不正确') }),
          summary: '下载任务进度佐证材料',
          response: { 200: fileResponse(TASK_EVIDENCE_MIMES, '佐证材料') },
        },
      },
      async (req, reply) => {
        const doc = await readEvidence(req.ctx, req.params.id, req.params.fileId);
        return sendStored(reply, storage, doc.storageKey, doc.mime, doc.name);
      },
    );
  };
}
