/** /api/users: accounts and role grants (安全管理员). */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ROLE_LABELS } from '../../../common/labels';
import type { ModuleDeps } from '../../app';
import type { Actor } from '../../platform/actor';
import { notFound } from '../../platform/errors';
import { offsetOf } from '../../platform/pagination';
import { authorize, can, scopeWhere } from '../../platform/policy';
import { buildTemplate, buildWorkbook, readUploadedWorkbook, sendWorkbook } from '../../platform/xlsx';
import { createUser } from './create-user';
import { importUsers, USER_COLUMNS, USER_NOTES } from './import-users';
import { presentUser, userSubject } from './presenter';
import { allUsers, findUser, grantsOf, listUsers, type UserScope } from './repository';
import { resetPassword, unlockUser } from './reset-password';
import { createUserBody, idParam, listUsersQuery, updateUserBody } from './schemas';
import { updateUser } from './update-user';
import './policy';

const scopeFor =
  (actor: Actor, permission: string): UserScope =>
  (eb, regionPath) =>
    scopeWhere(eb, actor, permission, { regionPath, unitId: eb.ref('users.unit_id') });

/** Registers the user routes. */
export function userRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['users'];
    const present = async (ctx: { actor: Actor; db: ModuleDeps['db']; clock: ModuleDeps['clock'] }, id: string) => {
      const u = (await findUser(ctx.db, id))!;
      return presentUser(u, await grantsOf(ctx.db, [id]), ctx.actor, ctx.clock.now());
    };

    app.get('/', { schema: { querystring: listUsersQuery, tags } }, async (req) => {
      authorize(req.ctx.actor, 'users.list');
      const q = req.query;
      const now = req.ctx.clock.now();
      const { items, total } = await listUsers(req.ctx.db, scopeFor(req.ctx.actor, 'users.list'), q, now, { limit: q.pageSize, offset: offsetOf(q), sort: q.sort, order: q.order });
      const grants = await grantsOf(req.ctx.db, items.map((u) => u.id));
      return { items: items.map((u) => presentUser(u, grants, req.ctx.actor, now)), total };
    });

    app.get('/import-template', { schema: { tags } }, async (req, reply) => {
      authorize(req.ctx.actor, 'users.import');
      return sendWorkbook(reply, '账号导入模板.xlsx', await buildTemplate('账号', USER_COLUMNS, USER_NOTES));
    });

    app.post('/import', { schema: { tags } }, async (req, reply) => {
      authorize(req.ctx.actor, 'users.import');
      return reply.status(201).send(await importUsers(req.ctx, await readUploadedWorkbook(req)));
    });

    app.get('/export', { schema: { querystring: listUsersQuery.omit({ page: true, pageSize: true }), tags } }, async (req, reply) => {
      authorize(req.ctx.actor, 'users.export');
      const rows = await allUsers(req.ctx.db, scopeFor(req.ctx.actor, 'users.export'), req.query, req.ctx.clock.now());
      const grants = await grantsOf(req.ctx.db, rows.map((u) => u.id));
      const data = rows.map((u) => {
        const mine = grants.filter((g) => g.user_id === u.id);
        return [u.username, u.name, u.phone, u.unit_name, u.region_code, mine.map((g) => ROLE_LABELS[g.role as never] ?? g.role).join('；'), mine.filter((g) => g.scope_type === 'campaign').map((g) => g.scope_name).join('；')];
      });
      return sendWorkbook(reply, '账号.xlsx', await buildWorkbook('账号', USER_COLUMNS, data));
    });

    app.get('/:id', { schema: { params: idParam, tags } }, async (req) => {
      const u = await findUser(req.ctx.db, req.params.id);
      if (!u || !can(req.ctx.actor, 'users.read', userSubject(u))) throw notFound('用户');
      return present(req.ctx, u.id);
    });

    app.post('/', { schema: { body: createUserBody, tags } }, async (req, reply) => {
      const { user, initialPassword } = await createUser(req.ctx, req.body);
      return reply.status(201).send({ user: await present(req.ctx, user.id), initialPassword });
    });

    app.patch('/:id', { schema: { params: idParam, body: updateUserBody, tags } }, async (req) => {
      const u = await updateUser(req.ctx, req.params.id, req.body);
      return present(req.ctx, u.id);
    });

    app.post('/:id/reset-password', { schema: { params: idParam, tags } }, async (req) => ({ password: await resetPassword(req.ctx, req.params.id) }));

    app.post('/:id/unlock', { schema: { params: idParam, tags } }, async (req, reply) => {
      await unlockUser(req.ctx, req.params.id);
      return reply.status(204).send();
    });
  };
}
