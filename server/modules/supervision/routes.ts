/** /api/supervision-notices/:id/print and /:id/docx: the 督办单 as a printable page and as a 公文 (.docx). */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DOCX_MIME, fileResponse, SUPERVISION_PRINT_MIME } from '../../../common/contracts';
import type { ModuleDeps } from '../../app';
import { sendDocx } from '../../platform/gongwen';
import { buildNoticeDocx } from './notice-docx';
import { noticePrintPage } from './presenter';
import { readNotice } from './read-notice';

/** Registers the supervision-notice routes. */
export function supervisionRoutes(deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/:id/print',
      {
        schema: {
          params: z.object({ id: z.uuid() }),
          response: { 200: fileResponse(SUPERVISION_PRINT_MIME, '督办单（打印页）') },
          tags: ['problems'],
        },
      },
      async (req, reply) => {
        const { notice, problem } = await readNotice(req.ctx, req.params.id);
        return reply.type('text/html; charset=utf-8').send(noticePrintPage(notice, problem));
      },
    );

    app.get(
      '/:id/docx',
      {
        schema: {
          params: z.object({ id: z.uuid() }),
          response: { 200: fileResponse(DOCX_MIME, '督办单（公文格式 .docx）') },
          tags: ['problems'],
        },
      },
      async (req, reply) => {
        const { notice, problem } = await readNotice(req.ctx, req.params.id);
        const buffer = await buildNoticeDocx(req.ctx.db, deps.storage, req.ctx.actor, notice, problem);
        return sendDocx(reply, `督办单${notice.code}.docx`, buffer);
      },
    );
  };
}
