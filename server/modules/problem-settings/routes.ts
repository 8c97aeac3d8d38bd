/** /api/problem-settings: deadline policies per severity and dispatch rules (category × region → unit), edited by the office. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PROBLEM_SEVERITIES } from '../../../common/problem-workflow';
import type { ModuleDeps } from '../../app';
import { recordEvent } from '../../platform/audit';
import { AppError, notFound } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { updateVersionedBy } from '../../platform/versioned';
import '../problems/policy';

const ruleBody = z
  .object({
    categoryCode: z.string().trim().max(20).nullable().optional(),
    regionId: z.uuid().nullable().optional(),
    unitId: z.uuid('请选择责任单位'),
    note: z.string().trim().max(200).nullable().optional(),
  })
  .refine((v) => v.categoryCode || v.regionId, { message: '类别和区域至少填写一项', path: ['categoryCode'] });

/** Registers the settings routes. */
export function problemSettingsRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['problem-settings'];

    app.get('/deadlines', { schema: { tags } }, async (req) => {
      authorize(req.ctx.actor, 'problems.list');
      const rows = await req.ctx.db.selectFrom('problem_deadline_policies').selectAll().execute();
      const order = PROBLEM_SEVERITIES as readonly string[];
      return { items: rows.sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity)).map((r) => ({ severity: r.severity, hours: r.hours, workingDays: r.working_days, version: r.version })) };
    });

    app.patch('/deadlines/:severity', { schema: { params: z.object({ severity: z.enum(PROBLEM_SEVERITIES) }), body: z.object({ hours: z.number().int().min(1).max(8760), workingDays: z.boolean(), version: z.number().int().min(1) }), tags } }, async (req) => {
      authorize(req.ctx.actor, 'problems.manageRules');
      const before = await req.ctx.db.selectFrom('problem_deadline_policies').selectAll().where('severity', '=', req.params.severity).executeTakeFirstOrThrow();
      const after = await req.ctx.db.transaction().execute(async (tx) => {
        const row = await updateVersionedBy(tx, 'problem_deadline_policies', 'severity', req.params.severity, req.body.version, { hours: req.body.hours, working_days: req.body.workingDays }, req.ctx.clock.now());
        await recordEvent(tx, req.ctx, { action: 'deadline_policy.updated', subjectType: 'deadline_policy', subjectId: req.params.severity, before, after: row });
        return row;
      });
      return { severity: req.params.severity, hours: after.hours, workingDays: after.working_days, version: after.version };
    });

    app.get('/dispatch-rules', { schema: { tags } }, async (req) => {
      authorize(req.ctx.actor, 'problems.manageRules');
      const rows = await req.ctx.db
        .selectFrom('dispatch_rules as d')
        .innerJoin('units as u', 'u.id', 'd.unit_id')
        .leftJoin('regions as r', 'r.id', 'd.region_id')
        .leftJoin('problem_categories as c', 'c.code', 'd.category_code')
        .select(['d.id', 'd.category_code', 'c.name as category_name', 'd.region_id', 'r.name as region_name', 'd.unit_id', 'u.name as unit_name', 'd.note'])
        .orderBy('d.category_code')
        .execute();
      return { items: rows.map((r) => ({ id: r.id, categoryCode: r.category_code, categoryName: r.category_name, regionId: r.region_id, regionName: r.region_name, unitId: r.unit_id, unitName: r.unit_name, note: r.note })), total: rows.length };
    });

    app.post('/dispatch-rules', { schema: { body: ruleBody, tags } }, async (req, reply) => {
      authorize(req.ctx.actor, 'problems.manageRules');
      const b = req.body;
      const db = req.ctx.db;
      if (!(await db.selectFrom('units').select('id').where('id', '=', b.unitId).executeTakeFirst())) throw new AppError('validation', '责任单位不存在');
      if (b.categoryCode && !(await db.selectFrom('problem_categories').select('code').where('code', '=', b.categoryCode).executeTakeFirst())) throw new AppError('validation', '问题类别不存在');
      if (b.regionId && !(await db.selectFrom('regions').select('id').where('id', '=', b.regionId).executeTakeFirst())) throw new AppError('validation', '区域不存在');
      const row = await db.transaction().execute(async (tx) => {
        const r = await tx.insertInto('dispatch_rules').values({ category_code: b.categoryCode ?? null, region_id: b.regionId ?? null, unit_id: b.unitId, note: b.note ?? null }).returningAll().executeTakeFirstOrThrow();
        await recordEvent(tx, req.ctx, { action: 'dispatch_rule.created', subjectType: 'dispatch_rule', subjectId: r.id, after: r });
        return r;
      });
      return reply.status(201).send({ id: row.id });
    });

    app.delete('/dispatch-rules/:id', { schema: { params: z.object({ id: z.uuid() }), tags } }, async (req, reply) => {
      authorize(req.ctx.actor, 'problems.manageRules');
      await req.ctx.db.transaction().execute(async (tx) => {
        const r = await tx.deleteFrom('dispatch_rules').where('id', '=', req.params.id).returningAll().executeTakeFirst();
        if (!r) throw notFound('派遣规则');
        await recordEvent(tx, req.ctx, { action: 'dispatch_rule.deleted', subjectType: 'dispatch_rule', subjectId: r.id, before: r });
      });
      return reply.status(204).send();
    });
  };
}
