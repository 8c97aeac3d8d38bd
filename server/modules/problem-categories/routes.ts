/** /api/problem-categories: the two-level category tree (GB/T 30428 部件/事件 plus creation categories). */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../app';
import { authorize, can } from '../../platform/policy';
import { createCategory, createCategoryInput } from './create-category';
import { updateCategory, updateCategoryInput } from './update-category';
import './policy';

const codeParam = z.object({ code: z.string().regex(/^[A-Z]\d{2,6}$/, '类别编码格式不正确') });

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

    app.post('/', { schema: { body: createCategoryInput, tags } }, async (req, reply) => {
      authorize(req.ctx.actor, 'problemCategories.update');
      return reply.status(201).send(await createCategory(req.ctx, req.body));
    });

    app.patch('/:code', { schema: { params: codeParam, body: updateCategoryInput, tags } }, async (req) => {
      authorize(req.ctx.actor, 'problemCategories.update');
      return updateCategory(req.ctx, req.params.code, req.body);
    });
  };
}
