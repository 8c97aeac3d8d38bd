/** /api/units: responsible units (单位) with heads and liaisons. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { labelOf, UNIT_TYPE_LABELS } from '../../../common/labels';
import type { ModuleDeps } from '../../app';
import type { Actor } from '../../platform/actor';
import { notFound } from '../../platform/errors';
import { offsetOf } from '../../platform/pagination';
import { authorize, can, scopeWhere } from '../../platform/policy';
import { buildTemplate, buildWorkbook, readUploadedWorkbook, sendWorkbook } from '../../platform/xlsx';
import { createUnit } from './create-unit';
import { deleteUnit } from './delete-unit';
import { importUnits, UNIT_COLUMNS, UNIT_NOTES } from './import-units';
import { presentUnit, unitSubject } from './presenter';
import { allUnits, findUnit, listUnits, type UnitScope } from './repository';
import { fileResponse, importResult, noContent, unitPage, unitResponse, XLSX_MIME } from '../../../common/contracts';
import { createUnitBody, idParam, listUnitsQuery, updateUnitBody } from './schemas';
import { updateUnit } from './update-unit';
import './policy';

const scopeFor =
  (actor: Actor, permission: string): UnitScope =>
  (eb) =>
    scopeWhere(eb, actor, permission, { regionPath: eb.ref('r.path'), unitId: eb.ref('units.id') });

/** Registers the unit routes. */
export function unitRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['units'];

    app.get('/', { schema: { querystring: listUnitsQuery, response: { 200: unitPage }, tags } }, async (req) => {
      authorize(req.ctx.actor, 'units.list');
      const q = req.query;
      const { items, total } = await listUnits(req.ctx.db, scopeFor(req.ctx.actor, 'units.list'), q, {
        limit: q.pageSize,
        offset: offsetOf(q),
        sort: q.sort,
        order: q.order,
      });
      return { items: items.map((u) => presentUnit(u, req.ctx.actor)), total };
    });

    app.get('/import-template', { schema: { response: { 200: fileResponse(XLSX_MIME, '单位导入模板') }, tags } }, async (req, reply) => {
      authorize(req.ctx.actor, 'units.import');
      return sendWorkbook(reply, '单位导入模板.xlsx', await buildTemplate('单位', UNIT_COLUMNS, UNIT_NOTES));
    });

    app.post('/import', { schema: { response: { 201: importResult }, tags } }, async (req, reply) => {
      authorize(req.ctx.actor, 'units.import');
      return reply.status(201).send(await importUnits(req.ctx, await readUploadedWorkbook(req)));
    });

    app.get(
      '/export',
      {
        schema: {
          querystring: listUnitsQuery.omit({ page: true, pageSize: true }),
          response: { 200: fileResponse(XLSX_MIME, '单位台账') },
          tags,
        },
      },
      async (req, reply) => {
        authorize(req.ctx.actor, 'units.export');
        const rows = await allUnits(req.ctx.db, scopeFor(req.ctx.actor, 'units.export'), req.query);
        const data = rows.map((u) => [
          u.name,
          labelOf(UNIT_TYPE_LABELS, u.type),
          u.region_code,
          u.parent_name,
          u.head_name,
          u.head_phone,
          u.liaison_name,
          u.liaison_phone,
          u.active ? '启用' : '停用',
        ]);
        return sendWorkbook(
          reply,
          '单位.xlsx',
          await buildWorkbook('单位', UNIT_COLUMNS, data, { title: '单位台账', now: req.ctx.clock.now() }),
        );
      },
    );

    app.get('/:id', { schema: { params: idParam, response: { 200: unitResponse }, tags } }, async (req) => {
      const u = await findUnit(req.ctx.db, req.params.id);
      if (!u || !can(req.ctx.actor, 'units.read', unitSubject(u))) throw notFound('单位');
      return presentUnit(u, req.ctx.actor);
    });

    app.post('/', { schema: { body: createUnitBody, response: { 201: unitResponse }, tags } }, async (req, reply) =>
      reply.status(201).send(presentUnit(await createUnit(req.ctx, req.body), req.ctx.actor)),
    );

    app.patch('/:id', { schema: { params: idParam, body: updateUnitBody, response: { 200: unitResponse }, tags } }, async (req) =>
      presentUnit(await updateUnit(req.ctx, req.params.id, req.body), req.ctx.actor),
    );

    app.delete('/:id', { schema: { params: idParam, response: { 204: noContent }, tags } }, async (req, reply) => {
      await deleteUnit(req.ctx, req.params.id);
      return reply.status(204).send(null);
    });
  };
}
