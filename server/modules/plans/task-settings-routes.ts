/**
 * /api/task-settings — 任务进度设置 of a region (task-settings.ts): GET what applies (default: the caller's own
 * region), PUT a region's own values, DELETE them to inherit again.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noContent, taskSettingsInput, taskSettingsResponse } from '../../../common/contracts';
import type { ModuleDeps } from '../../app';
import { AppError } from '../../platform/errors';
import { authorize, can } from '../../platform/policy';
import './policy';
import { readTaskSettings } from './read-task-settings';
import { resetTaskSettings } from './reset-task-settings';
import { updateTaskSettings } from './update-task-settings';

const regionIdParam = z.object({ regionId: z.uuid('区域编号格式不正确') });

export function taskSettingsRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['tasks'];

    app.get(
      '/',
      {
        schema: {
          tags,
          querystring: z.object({ regionId: z.uuid('区域编号格式不正确').optional() }),
          response: { 200: taskSettingsResponse },
        },
      },
      async (req) => {
        if (!can(req.ctx.actor, 'plans.read') && !can(req.ctx.actor, 'plans.report'))
          throw new AppError('forbidden', '没有权限查看任务进度设置');
        return readTaskSettings(req.ctx, req.query.regionId);
      },
    );

    app.put(
      '/regions/:regionId',
      { schema: { tags, params: regionIdParam, body: taskSettingsInput, response: { 200: taskSettingsResponse } } },
      async (req) => {
        authorize(req.ctx.actor, 'plans.manage');
        return updateTaskSettings(req.ctx, req.params.regionId, req.body);
      },
    );

    app.delete('/regions/:regionId', { schema: { tags, params: regionIdParam, response: { 204: noContent } } }, async (req, reply) => {
      authorize(req.ctx.actor, 'plans.manage');
      await resetTaskSettings(req.ctx, req.params.regionId);
      return reply.status(204).send(null);
    });
  };
}
