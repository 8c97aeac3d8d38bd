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
import { approveChange, getChange, isBootstrap, listChanges, rejectChange } from './privileged-changes';
import { listLocks, releaseLock, resetPassword, unlockUser } from './reset-password';
import {
  approvedChangeResponse,
  createdUserResponse,
  fileResponse,
  loginLockList,
  noContent,
  pendingChangeResponse,
  privilegedChangeList,
  privilegedChangeResponse,
  resetPasswordResponse,
  userImportResult,
  userPage,
  userResponse,
  XLSX_MIME,
} from '../../../common/contracts';
import { changeStatusQuery, createUserBody, decisionBody, idParam, listUsersQuery, releaseLockBody, updateUserBody } from './schemas';
import { updateUser } from './update-user';
import './policy';

const scopeFor =
  (actor: Actor, permission: string): UserScope =>
  (eb, regionPath) =>
    scopeWhere(eb, actor, permission, { regionPath, unitId: eb.ref('users.unit_id') });

/** Registers the user routes. */
export function userRoutes(deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['users'];
    const present = async (ctx: { actor: Actor; db: ModuleDeps['db']; clock: ModuleDeps['clock'] }, id: string) => {
      const u = (await findUser(ctx.db, id))!;
      return presentUser(u, await grantsOf(ctx.db, [id]), ctx.actor, ctx.clock.now());
    };

    app.get('/', { schema: { querystring: listUsersQuery, response: { 200: userPage }, tags } }, async (req) => {
      authorize(req.ctx.actor, 'users.list');
      const q = req.query;
      const now = req.ctx.clock.now();
      const { items, total } = await listUsers(req.ctx.db, scopeFor(req.ctx.actor, 'users.list'), q, now, {
        limit: q.pageSize,
        offset: offsetOf(q),
        sort: q.sort,
        order: q.order,
      });
      const grants = await grantsOf(
        req.ctx.db,
        items.map((u) => u.id),
      );
      return { items: items.map((u) => presentUser(u, grants, req.ctx.actor, now)), total };
    });

    app.get('/import-template', { schema: { response: { 200: fileResponse(XLSX_MIME, '账号导入模板') }, tags } }, async (req, reply) => {
      authorize(req.ctx.actor, 'users.import');
      return sendWorkbook(reply, '账号导入模板.xlsx', await buildTemplate('账号', USER_COLUMNS, USER_NOTES));
    });

    app.post('/import', { schema: { response: { 201: userImportResult }, tags } }, async (req, reply) => {
      authorize(req.ctx.actor, 'users.import');
      return reply.status(201).send(await importUsers(req.ctx, await readUploadedWorkbook(req)));
    });

    app.get(
      '/export',
      {
        schema: {
          querystring: listUsersQuery.omit({ page: true, pageSize: true }),
          response: { 200: fileResponse(XLSX_MIME, '账号台账') },
          tags,
        },
      },
      async (req, reply) => {
        authorize(req.ctx.actor, 'users.export');
        const rows = await allUsers(req.ctx.db, scopeFor(req.ctx.actor, 'users.export'), req.query, req.ctx.clock.now());
        const grants = await grantsOf(
          req.ctx.db,
          rows.map((u) => u.id),
        );
        const data = rows.map((u) => {
          const mine = grants.filter((g) => g.user_id === u.id);
          return [
            u.username,
            u.name,
            u.phone,
            u.unit_name,
            u.region_code,
            mine.map((g) => ROLE_LABELS[g.role as never] ?? g.role).join('；'),
            mine
              .filter((g) => g.scope_type === 'campaign')
              .map((g) => g.scope_name)
              .join('；'),
          ];
        });
        return sendWorkbook(
          reply,
          '账号.xlsx',
          await buildWorkbook('账号', USER_COLUMNS, data, { title: '账号台账', now: req.ctx.clock.now() }),
        );
      },
    );

    // 登录锁定: current locks per account and address, and lifting one.
    app.get('/login-locks', { schema: { response: { 200: loginLockList }, tags } }, async (req) => ({ items: await listLocks(req.ctx) }));

    app.post('/login-locks/release', { schema: { body: releaseLockBody, response: { 204: noContent }, tags } }, async (req, reply) => {
      await releaseLock(req.ctx, req.body.subject, req.body.ip ?? null);
      return reply.status(204).send(null);
    });

    // 三员变更审批: requests are filed by POST /, PATCH /:id and POST /:id/reset-password (answer 202).
    app.get(
      '/privileged-changes',
      { schema: { querystring: changeStatusQuery, response: { 200: privilegedChangeList }, tags } },
      async (req) => ({
        items: await listChanges(req.ctx, req.query.status),
      }),
    );

    app.get('/privileged-changes/:id', { schema: { params: idParam, response: { 200: privilegedChangeResponse }, tags } }, async (req) =>
      getChange(req.ctx, req.params.id),
    );

    app.post(
      '/privileged-changes/:id/approve',
      { schema: { params: idParam, body: decisionBody.optional(), response: { 200: approvedChangeResponse }, tags } },
      async (req) => approveChange(req.ctx, req.params.id, deps.outbox, req.body?.note || null),
    );

    app.post(
      '/privileged-changes/:id/reject',
      { schema: { params: idParam, body: decisionBody.optional(), response: { 200: privilegedChangeResponse }, tags } },
      async (req) => rejectChange(req.ctx, req.params.id, req.body?.note || null),
    );

    app.get('/:id', { schema: { params: idParam, response: { 200: userResponse }, tags } }, async (req) => {
      const u = await findUser(req.ctx.db, req.params.id);
      if (!u || !can(req.ctx.actor, 'users.read', userSubject(u))) throw notFound('用户');
      return present(req.ctx, u.id);
    });

    app.post(
      '/',
      { schema: { body: createUserBody, response: { 201: createdUserResponse, 202: pendingChangeResponse }, tags } },
      async (req, reply) => {
        const created = await createUser(req.ctx, req.body);
        if ('pendingId' in created) {
          if (await isBootstrap(req.ctx, req.body.roles)) {
            const approved = await approveChange(req.ctx, created.pendingId, deps.outbox, '首次开通：尚无其他三员可审批', true);
            return reply.status(201).send({ user: await present(req.ctx, approved.change.resultUserId!), delivery: approved.delivery });
          }
          return reply.status(202).send({ pending: await getChange(req.ctx, created.pendingId) });
        }
        return reply.status(201).send({ user: await present(req.ctx, created.user.id), initialPassword: created.initialPassword });
      },
    );

    app.patch(
      '/:id',
      { schema: { params: idParam, body: updateUserBody, response: { 200: userResponse, 202: pendingChangeResponse }, tags } },
      async (req, reply) => {
        const updated = await updateUser(req.ctx, req.params.id, req.body);
        if ('pendingId' in updated) return reply.status(202).send({ pending: await getChange(req.ctx, updated.pendingId) });
        return present(req.ctx, updated.user.id);
      },
    );

    app.post(
      '/:id/reset-password',
      { schema: { params: idParam, response: { 200: resetPasswordResponse, 202: pendingChangeResponse }, tags } },
      async (req, reply) => {
        const reset = await resetPassword(req.ctx, req.params.id);
        if ('pendingId' in reset) return reply.status(202).send({ pending: await getChange(req.ctx, reset.pendingId) });
        return { password: reset.password };
      },
    );

    app.post('/:id/unlock', { schema: { params: idParam, response: { 204: noContent }, tags } }, async (req, reply) => {
      await unlockUser(req.ctx, req.params.id);
      return reply.status(204).send(null);
    });
  };
}
