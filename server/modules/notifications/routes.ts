/** /api/notifications: the bell — my notices, unread count, mark read. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { ModuleDeps } from '../../app';
import { notFound } from '../../platform/errors';
import { offsetOf, pageQuery } from '../../platform/pagination';

/** Registers the notification routes (every signed-in user sees only their own). */
export function notificationRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['notifications'];

    app.get('/', { schema: { querystring: pageQuery.extend({ unread: z.enum(['true', 'false']).optional() }), tags } }, async (req) => {
      const { db, actor } = req.ctx;
      let q = db.selectFrom('notifications').where('user_id', '=', actor.id);
      if (req.query.unread === 'true') q = q.where('read_at', 'is', null);
      const [items, total, unread] = await Promise.all([
        q.selectAll().orderBy('created_at', 'desc').limit(req.query.pageSize).offset(offsetOf(req.query)).execute(),
        q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
        db.selectFrom('notifications').select(sql<number>`count(*)::int`.as('n')).where('user_id', '=', actor.id).where('read_at', 'is', null).executeTakeFirstOrThrow(),
      ]);
      return {
        items: items.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, problemId: n.problem_id, createdAt: n.created_at, read: !!n.read_at })),
        total: total.n,
        unread: unread.n,
      };
    });

    app.post('/:id/read', { schema: { params: z.object({ id: z.uuid() }), tags } }, async (req, reply) => {
      const r = await req.ctx.db.updateTable('notifications').set({ read_at: req.ctx.clock.now() }).where('id', '=', req.params.id).where('user_id', '=', req.ctx.actor.id).returning('id').executeTakeFirst();
      if (!r) throw notFound('通知');
      return reply.status(204).send();
    });

    app.post('/read-all', { schema: { tags } }, async (req, reply) => {
      await req.ctx.db.updateTable('notifications').set({ read_at: req.ctx.clock.now() }).where('user_id', '=', req.ctx.actor.id).where('read_at', 'is', null).execute();
      return reply.status(204).send();
    });
  };
}
