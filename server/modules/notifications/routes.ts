/** /api/notifications: the bell — my notices, unread count, mark read; /settings: 提醒与督办设置 of a region (settings.ts). */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noContent, noticeSettingsResponse, noticeThresholds, notificationPage } from '../../../common/contracts';
import type { ModuleDeps } from '../../app';
import { notFound } from '../../platform/errors';
import { offsetOf, pageQuery } from '../../platform/pagination';
import { authorize } from '../../platform/policy';
import '../problems/policy';
import { listMyNotifications, markAllNotificationsRead, markNotificationRead } from './repository';
import { readNoticeSettings, regionIdParam, resetRegionThresholds, setRegionThresholds, thresholdsInput } from './settings';

/** Registers the notification routes (every signed-in user sees only their own). */
export function notificationRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['notifications'];

    app.get(
      '/',
      {
        schema: {
          querystring: pageQuery.extend({ unread: z.enum(['true', 'false']).optional() }),
          response: { 200: notificationPage },
          tags,
        },
      },
      async (req) => {
        const page = await listMyNotifications(req.ctx.db, req.ctx.actor.id, {
          limit: req.query.pageSize,
          offset: offsetOf(req.query),
          unreadOnly: req.query.unread === 'true',
        });
        return {
          items: page.items.map((n) => ({
            id: n.id,
            kind: n.kind,
            title: n.title,
            body: n.body,
            link: n.link,
            problemId: n.problem_id,
            createdAt: n.created_at,
            read: !!n.read_at,
          })),
          total: page.total,
          unread: page.unread,
        };
      },
    );

    app.post('/:id/read', { schema: { params: z.object({ id: z.uuid() }), response: { 204: noContent }, tags } }, async (req, reply) => {
      if (!(await markNotificationRead(req.ctx.db, req.ctx.actor.id, req.params.id, req.ctx.clock.now()))) throw notFound('通知');
      return reply.status(204).send(null);
    });

    /** The sweep thresholds and notice channels that apply in a region (default: the caller's own), with their source. */
    app.get(
      '/settings',
      {
        schema: {
          querystring: z.object({ regionId: z.uuid('区域编号格式不正确').optional() }),
          response: { 200: noticeSettingsResponse },
          tags,
        },
      },
      async (req) => {
        authorize(req.ctx.actor, 'problems.list');
        return readNoticeSettings(req.ctx, req.query.regionId);
      },
    );

    /** A region's own reminder lead time and escalation delay, inherited by everything under it. */
    app.put(
      '/settings/regions/:regionId/thresholds',
      { schema: { params: regionIdParam, body: thresholdsInput, response: { 200: noticeThresholds }, tags } },
      async (req) => {
        authorize(req.ctx.actor, 'problems.manageRules');
        return setRegionThresholds(req.ctx, req.params.regionId, req.body);
      },
    );

    /** Back to the inherited thresholds. */
    app.delete(
      '/settings/regions/:regionId/thresholds',
      { schema: { params: regionIdParam, response: { 204: noContent }, tags } },
      async (req, reply) => {
        authorize(req.ctx.actor, 'problems.manageRules');
        await resetRegionThresholds(req.ctx, req.params.regionId);
        return reply.status(204).send(null);
      },
    );

    app.post('/read-all', { schema: { response: { 204: noContent }, tags } }, async (req, reply) => {
      await markAllNotificationsRead(req.ctx.db, req.ctx.actor.id, req.ctx.clock.now());
      return reply.status(204).send(null);
    });
  };
}
