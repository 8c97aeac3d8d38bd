/**
 * /api/hotline: 12345 work orders — the intake API (integrator key in `X-Api-Key` or `api_key`), the office's .xlsx
 * import with its template, the list with each order's 办结回复 and callback state, and the 办结回复 .xlsx. Thin.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { fileResponse, hotlineOrderBody, hotlineOrderCreated, hotlineOrderPage, importResult, XLSX_MIME } from '../../../common/contracts';
import type { ModuleDeps } from '../../app';
import { authorize } from '../../platform/policy';
import { buildTemplate, readUploadedWorkbookWithFields, sendWorkbook } from '../../platform/xlsx';
import { HOTLINE_COLUMNS, HOTLINE_NOTES, importOrders } from './import-orders';
import { intakeOrder } from './intake-order';
import { exportReplies, readOrders } from './read-orders';
import { intakeQuery, orderFilterQuery, orderListQuery } from './schemas';
import './policy';
import './reply';

/** Registers the hotline routes. */
export function hotlineRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['hotline'];

    // The 12345 platform has no account: its key says who it is (and which county), like Open311.
    app.post(
      '/orders',
      {
        config: { isPublic: true },
        schema: {
          tags,
          querystring: intakeQuery,
          body: hotlineOrderBody,
          response: { 201: hotlineOrderCreated, 200: hotlineOrderCreated },
        },
      },
      async (req, reply) => {
        const key = (req.headers['x-api-key'] as string | undefined) ?? req.query.api_key;
        const out = await intakeOrder(req.ctx, key, req.body);
        return reply.status(out.created ? 201 : 200).send(out);
      },
    );

    app.get('/orders', { schema: { tags, querystring: orderListQuery, response: { 200: hotlineOrderPage } } }, async (req) =>
      readOrders(req.ctx, req.query),
    );

    app.get(
      '/import-template',
      { schema: { tags, response: { 200: fileResponse(XLSX_MIME, '12345 工单导入模板') } } },
      async (req, reply) => {
        authorize(req.ctx.actor, 'hotline.import');
        return sendWorkbook(reply, '12345工单导入模板.xlsx', await buildTemplate('12345工单', HOTLINE_COLUMNS, HOTLINE_NOTES));
      },
    );

    app.post('/import', { schema: { tags, response: { 201: importResult } } }, async (req, reply) => {
      authorize(req.ctx.actor, 'hotline.import');
      const { buffer, fields } = await readUploadedWorkbookWithFields(req);
      return reply.status(201).send(await importOrders(req.ctx, buffer, fields.regionId || undefined));
    });

    app.get(
      '/replies.xlsx',
      { schema: { tags, querystring: orderFilterQuery, response: { 200: fileResponse(XLSX_MIME, '12345 工单办结回复') } } },
      async (req, reply) => {
        const { fileName, buffer } = await exportReplies(req.ctx, req.query);
        return sendWorkbook(reply, fileName, buffer);
      },
    );
  };
}
