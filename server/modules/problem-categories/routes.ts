/** /api/problem-categories: the two-level category tree (GB/T 30428 部件/事件 plus creation categories). */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../app';
import { recordEvent } from '../../platform/audit';
import { AppError, notFound } from '../../platform/errors';
import { authorize, can } from '../../platform/policy';
import { updateVersionedBy } from '../../platform/versioned';
import './policy';

const codeParam = z.object({ code: z.string().regex(/^[A-Z]\d{2,6}$/, '类别编码格式不正确') });
const createBody = z.object({
  code: z.string().trim().regex(/^[A-Z]\d{2,6}$/, '类别编码须为大写字母加数字，如 E0502'),
  parentCode: z.string().nullable().optional(),
  name: z.string().trim().min(2, '名称至少 2 个字').max(40),
  kind: z.enum(['component', 'event', 'creation']),
});
const updateBody = z.object({ name: z.string().trim().min(2).max(40).optional(), active: z.boolean().optional(), version: z.number().int().min(1) });

/** Registers the category routes. */
export function categoryRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['problem-categories'];

    app.get('/', { schema: { querystring: z.object({ includeInactive: z.enum(['true', 'false']).optional() }), tags } }, async (req) => {
      authorize(req.ctx.actor, 'problemCategories.list');
      let q = req.ctx.db.selectFrom('problem_categories').selectAll().orderBy('sort').orderBy('code');
      if (req.query.includeInactive !== 'true') q = q.where('active', '=', true);
      const rows = await q.execute();
      const canEdit = can(req.ctx.actor, 'problemCategories.update');
      return {
        items: rows.map((r) => ({ code: r.code, name: r.name, parentCode: r.parent_code, kind: r.kind, active: r.active, version: r.version, abilities: { update: canEdit } })),
      };
    });

    app.post('/', { schema: { body: createBody, tags } }, async (req, reply) => {
      authorize(req.ctx.actor, 'problemCategories.update');
      const b = req.body;
      await req.ctx.db.transaction().execute(async (tx) => {
        if (await tx.selectFrom('problem_categories').select('code').where('code', '=', b.code).executeTakeFirst()) throw new AppError('duplicate', `类别编码 ${b.code} 已存在`);
        if (b.parentCode && !(await tx.selectFrom('problem_categories').select('code').where('code', '=', b.parentCode).where('parent_code', 'is', null).executeTakeFirst())) {
          throw new AppError('validation', '上级类别不存在或不是大类');
        }
        await tx.insertInto('problem_categories').values({ code: b.code, parent_code: b.parentCode ?? null, name: b.name, kind: b.kind, sort: 9999 }).execute();
        await recordEvent(tx, req.ctx, { action: 'problem_category.created', subjectType: 'problem_category', subjectId: b.code, after: b });
      });
      return reply.status(201).send({ code: b.code });
    });

    app.patch('/:code', { schema: { params: codeParam, body: updateBody, tags } }, async (req) => {
      authorize(req.ctx.actor, 'problemCategories.update');
      const before = await req.ctx.db.selectFrom('problem_categories').selectAll().where('code', '=', req.params.code).executeTakeFirst();
      if (!before) throw notFound('问题类别');
      const { version, ...set } = req.body;
      await req.ctx.db.transaction().execute(async (tx) => {
        const after = await updateVersionedBy(tx, 'problem_categories', 'code', req.params.code, version, set, req.ctx.clock.now());
        await recordEvent(tx, req.ctx, { action: 'problem_category.updated', subjectType: 'problem_category', subjectId: req.params.code, before, after });
      });
      return { code: req.params.code };
    });
  };
}
