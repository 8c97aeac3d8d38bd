/** /api/regions: the region tree (市 → 县 → 乡镇 → 村社区 → 网格). */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { labelOf, REGION_LEVEL_LABELS } from '../../../common/labels';
import type { ModuleDeps } from '../../app';
import { notFound } from '../../platform/errors';
import { offsetOf } from '../../platform/pagination';
import { authorize, can, scopeWhere } from '../../platform/policy';
import { buildTemplate, buildWorkbook, readUploadedWorkbook, sendWorkbook } from '../../platform/xlsx';
import { createRegion } from './create-region';
import { deleteRegion } from './delete-region';
import { importRegions, REGION_COLUMNS, REGION_NOTES } from './import-regions';
import { presentRegion, toTree } from './presenter';
import { allRegions, findRegion, listRegions, type RegionScope } from './repository';
import { fileResponse, importResult, noContent, regionPage, regionResponse, regionTree, XLSX_MIME } from '../../../common/contracts';
import { createRegionBody, idParam, listRegionsQuery, updateRegionBody } from './schemas';
import { updateRegion } from './update-region';
import type { Actor } from '../../platform/actor';
import './policy';

const scopeFor =
  (actor: Actor, permission: string): RegionScope =>
  (eb) =>
    scopeWhere(eb, actor, permission, { regionPath: eb.ref('regions.path') });

/** Registers the region routes. */
export function regionRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['regions'];

    app.get('/', { schema: { querystring: listRegionsQuery, response: { 200: regionPage }, tags } }, async (req) => {
      authorize(req.ctx.actor, 'regions.list');
      const q = req.query;
      const { items, total } = await listRegions(req.ctx.db, scopeFor(req.ctx.actor, 'regions.list'), q, {
        limit: q.pageSize,
        offset: offsetOf(q),
        sort: q.sort,
        order: q.order,
      });
      return { items: items.map((r) => presentRegion(r, req.ctx.actor)), total };
    });

    app.get('/tree', { schema: { response: { 200: regionTree }, tags } }, async (req) => ({
      items: toTree(await allRegions(req.ctx.db, scopeFor(req.ctx.actor, 'regions.list'))),
    }));

    app.get('/import-template', { schema: { response: { 200: fileResponse(XLSX_MIME, '区划导入模板') }, tags } }, async (req, reply) => {
      authorize(req.ctx.actor, 'regions.import');
      return sendWorkbook(reply, '区划导入模板.xlsx', await buildTemplate('区划', REGION_COLUMNS, REGION_NOTES));
    });

    app.post('/import', { schema: { response: { 201: importResult }, tags } }, async (req, reply) => {
      authorize(req.ctx.actor, 'regions.import');
      const result = await importRegions(req.ctx, await readUploadedWorkbook(req));
      return reply.status(201).send(result);
    });

    app.get(
      '/export',
      {
        schema: {
          querystring: listRegionsQuery.omit({ page: true, pageSize: true }),
          response: { 200: fileResponse(XLSX_MIME, '区划台账') },
          tags,
        },
      },
      async (req, reply) => {
        authorize(req.ctx.actor, 'regions.export');
        const rows = await allRegions(req.ctx.db, scopeFor(req.ctx.actor, 'regions.export'));
        const codeById = new Map(rows.map((r) => [r.id, r.code]));
        const parentCodes = new Map<string, string>();
        const missing = rows.filter((r) => r.parent_id && !codeById.has(r.parent_id)).map((r) => r.parent_id!);
        for (const id of missing) {
          const p = await findRegion(req.ctx.db, id);
          if (p) parentCodes.set(id, p.code);
        }
        const data = rows.map((r) => [
          r.code,
          r.name,
          labelOf(REGION_LEVEL_LABELS, r.level),
          r.parent_id ? (codeById.get(r.parent_id) ?? parentCodes.get(r.parent_id) ?? '') : '',
        ]);
        return sendWorkbook(
          reply,
          '区划.xlsx',
          await buildWorkbook('区划', REGION_COLUMNS, data, { title: '区划台账', now: req.ctx.clock.now() }),
        );
      },
    );

    app.get('/:id', { schema: { params: idParam, response: { 200: regionResponse }, tags } }, async (req) => {
      const r = await findRegion(req.ctx.db, req.params.id);
      if (!r || !can(req.ctx.actor, 'regions.read', { regionPath: r.path })) throw notFound('区划');
      return presentRegion(r, req.ctx.actor);
    });

    app.post('/', { schema: { body: createRegionBody, response: { 201: regionResponse }, tags } }, async (req, reply) => {
      const r = await createRegion(req.ctx, req.body);
      return reply.status(201).send(presentRegion(r, req.ctx.actor));
    });

    app.patch('/:id', { schema: { params: idParam, body: updateRegionBody, response: { 200: regionResponse }, tags } }, async (req) =>
      presentRegion(await updateRegion(req.ctx, req.params.id, req.body), req.ctx.actor),
    );

    app.delete('/:id', { schema: { params: idParam, response: { 204: noContent }, tags } }, async (req, reply) => {
      await deleteRegion(req.ctx, req.params.id);
      return reply.status(204).send(null);
    });
  };
}
