/** /api/files: photo uploads (original, thumbnail, watermarked evidence copy) and their metadata. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { fileResponse, storedFileResponse } from '../../../common/contracts';
import type { ModuleDeps } from '../../app';
import type { Actor } from '../../platform/actor';
import { notFound } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { PHOTO_KINDS } from './detect-image-type';
import { canReadFile, COVERT_TEAM_LABEL, masksFileUploader } from '../../platform/visibility';
import './policy';
import { EVIDENCE_MIME, presentFile, THUMBNAIL_MIME } from './presenter';
import { readPhotoUpload } from './read-upload';
import { findFile } from './repository';
import { idParam } from './schemas';
import { sendStored } from './send-stored';
import { uploadPhoto } from './upload-photo';

/** The types an original may have (it is kept byte for byte as uploaded). */
const ORIGINAL_MIMES = Object.values(PHOTO_KINDS).map((k) => k.mime);
const extOf = (mime: string) => Object.values(PHOTO_KINDS).find((k) => k.mime === mime)?.ext ?? 'bin';

async function loadReadable(db: ModuleDeps['db'], actor: Actor, id: string) {
  const file = await findFile(db, id);
  if (!file || !(await canReadFile(db, actor, file))) throw notFound('文件');
  return file;
}

/** Registers the file routes over the app's one storage (deps.storage). */
export function fileRoutes(deps: ModuleDeps): FastifyPluginAsync {
  const { storage } = deps;
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['files'];

    app.post(
      '/',
      {
        schema: {
          tags,
          consumes: ['multipart/form-data'],
          summary: '上传照片（multipart：file，可选 lat、lng、address）',
          response: { 201: storedFileResponse },
        },
      },
      async (req, reply) => {
        // Refuse before reading up to 15 MB of body.
        authorize(req.ctx.actor, 'files.upload');
        const upload = await readPhotoUpload(req);
        return reply.status(201).send(presentFile(await uploadPhoto(req.ctx, storage, upload)));
      },
    );

    app.get('/:id/meta', { schema: { params: idParam, tags, summary: '照片信息', response: { 200: storedFileResponse } } }, async (req) => {
      const f = await loadReadable(req.ctx.db, req.ctx.actor, req.params.id);
      // Covert evidence does not name the inspector to those who may not know the team.
      const masked = await masksFileUploader(req.ctx.db, req.ctx.actor, f.id);
      return presentFile(masked ? { ...f, uploaded_by: '', uploader_name: COVERT_TEAM_LABEL } : f);
    });

    app.get(
      '/:id',
      {
        schema: { params: idParam, tags, summary: '原图（原样保存的字节）', response: { 200: fileResponse(ORIGINAL_MIMES, '原图') } },
      },
      async (req, reply) => {
        const f = await loadReadable(req.ctx.db, req.ctx.actor, req.params.id);
        return sendStored(reply, storage, f.original_key, f.mime, f.original_name ?? `${f.id}.${extOf(f.mime)}`);
      },
    );

    app.get(
      '/:id/thumbnail',
      {
        schema: { params: idParam, tags, summary: '缩略图（宽 320 像素 WebP）', response: { 200: fileResponse(THUMBNAIL_MIME, '缩略图') } },
      },
      async (req, reply) => {
        const f = await loadReadable(req.ctx.db, req.ctx.actor, req.params.id);
        return sendStored(reply, storage, f.thumbnail_key, THUMBNAIL_MIME, `${f.id}-thumbnail.webp`);
      },
    );

    app.get(
      '/:id/evidence',
      {
        schema: {
          params: idParam,
          tags,
          summary: '取证图（带时间、地点、上报人水印的 JPEG）',
          response: { 200: fileResponse(EVIDENCE_MIME, '取证图') },
        },
      },
      async (req, reply) => {
        const f = await loadReadable(req.ctx.db, req.ctx.actor, req.params.id);
        return sendStored(reply, storage, f.evidence_key, EVIDENCE_MIME, `${f.id}-evidence.jpg`);
      },
    );
  };
}
