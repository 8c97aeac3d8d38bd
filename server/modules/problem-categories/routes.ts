/**
 * /api/problem-categories: the two-level category tree (GB/T 30428 部件/事件 plus creation categories) as it
 * applies in a region: shipped categories, local additions of the region and those above it, each
 * active or stopped as the nearest region's setting says.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  categoryQuestionsBody,
  categoryQuestionsResponse,
  categoryRegionSetting,
  createCategoryBody,
  createdCategory,
  frequentCategoryList,
  noContent,
  problemCategoryList,
  setCategoryForRegionBody,
  updateCategoryBody,
  updatedCategory,
} from '../../../common/contracts';
import type { ModuleDeps } from '../../app';
import { authorize } from '../../platform/policy';
import { homeRegion, readableRegion } from '../problem-settings/resolve';
import { readQuestions, saveQuestions } from './category-questions';
import { createCategory } from './create-category';
import { frequentCategories } from './frequent-categories';
import { listCategories } from './list-categories';
import { categoryRegionParam, resetCategoryForRegion, setCategoryForRegion } from './set-category-for-region';
import { updateCategory } from './update-category';
import './policy';

const codeParam = z.object({ code: z.string().regex(/^[A-Z]\d{2,6}$/, '类别编码格式不正确') });
const listQuery = z.object({ includeInactive: z.enum(['true', 'false']).optional(), regionId: z.uuid('区域编号格式不正确').optional() });

/** Registers the category routes. */
export function categoryRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['problem-categories'];

    app.get('/', { schema: { querystring: listQuery, response: { 200: problemCategoryList }, tags } }, async (req) => {
      authorize(req.ctx.actor, 'problemCategories.list');
      const region = req.query.regionId
        ? await readableRegion(req.ctx.db, req.ctx.actor, 'problemCategories.list', req.query.regionId)
        : await homeRegion(req.ctx.db, req.ctx.actor, 'problemCategories.list');
      const items = await listCategories(req.ctx.db, req.ctx.actor, region, req.query.includeInactive === 'true');
      return { region: region ? { id: region.id, name: region.name } : null, items };
    });

    // The phone report form's chips: the caller's most reported categories, then their area's (counts only).
    app.get('/frequent', { schema: { response: { 200: frequentCategoryList }, tags } }, async (req) => {
      authorize(req.ctx.actor, 'problemCategories.list');
      return frequentCategories(req.ctx);
    });

    app.post('/', { schema: { body: createCategoryBody, response: { 201: createdCategory }, tags } }, async (req, reply) => {
      authorize(req.ctx.actor, 'problemCategories.update');
      return reply.status(201).send(await createCategory(req.ctx, req.body));
    });

    app.patch(
      '/:code',
      { schema: { params: codeParam, body: updateCategoryBody, response: { 200: updatedCategory }, tags } },
      async (req) => {
        authorize(req.ctx.actor, 'problemCategories.update');
        return updateCategory(req.ctx, req.params.code, req.body);
      },
    );

    // 附加问题 (Open311 service attributes): read by whoever reads the category, saved by the office that edits it.
    app.get('/:code/questions', { schema: { params: codeParam, response: { 200: categoryQuestionsResponse }, tags } }, async (req) =>
      readQuestions(req.ctx, req.params.code),
    );
    app.put(
      '/:code/questions',
      { schema: { params: codeParam, body: categoryQuestionsBody, response: { 200: categoryQuestionsResponse }, tags } },
      async (req) => saveQuestions(req.ctx, req.params.code, req.body),
    );

    app.put(
      '/:code/regions/:regionId',
      { schema: { params: categoryRegionParam, body: setCategoryForRegionBody, response: { 200: categoryRegionSetting }, tags } },
      async (req) => {
        authorize(req.ctx.actor, 'problemCategories.update');
        return setCategoryForRegion(req.ctx, req.params.code, req.params.regionId, req.body);
      },
    );

    app.delete(
      '/:code/regions/:regionId',
      { schema: { params: categoryRegionParam, response: { 204: noContent }, tags } },
      async (req, reply) => {
        authorize(req.ctx.actor, 'problemCategories.update');
        await resetCategoryForRegion(req.ctx, req.params.code, req.params.regionId);
        return reply.status(204).send(null);
      },
    );
  };
}
