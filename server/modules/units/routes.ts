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

    app.get('/', { schema: { querystring: listUnitsQuery, tags } }, async (req) => {
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

    app.get('/import-template', { schema: { tags } }, async (req, reply) => {
      authorize(req.ctx.actor, 'units.import');
      return sendWorkbook(reply, '单位导入模板.xlsx', await buildTemplate('单位', UNIT_COLUMNS, UNIT_NOTES));
    });

    app.post('/import', { schema: { tags } }, async (req, reply) => {
      authorize(req.ctx.actor, 'units.import');
      return reply.status(201).send(await importUnits(req.ctx, await readUploadedWorkbook(req)));
    });

    app.get('/export', { schema: { querystring: listUnitsQuery.omit({ page: true, pageSize: true }), tags } }, async (req, reply) => {
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
      return sendWorkbook(reply, '单位.xlsx', await buildWorkbook('单位', UNIT_COLUMNS, data));
    });

    app.get('/:id', { schema: { params: idParam, tags } }, async (req) => {
      const u = await findUnit(req.ctx.db, req.params.id);
      if (!u || !can(req.ctx.actor, 'units.read', unitSubject(u))) throw notFound('单位');
      return presentUnit(u, req.ctx.actor);
    });

    app.post('/', { schema: { body: createUnitBody, tags } }, async (req, reply) =>
      reply.status(201).send(presentUnit(await createUnit(req.ctx, req.body), req.ctx.actor)),
    );

    app.patch('/:id', { schema: { params: idParam, body: updateUnitBody, tags } }, async (req) =>
      presentUnit(await updateUnit(req.ctx, req.params.id, req.body), req.ctx.actor),
    );

    app.delete('/:id', { schema: { params: idParam, tags } }, async (req, reply) => {
      await deleteUnit(req.ctx, req.params.id);
      return reply.status(204).send();
    });
  };
}
