/** /api/auth: sign in and out, the session, password change, personal API tokens. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../app';
import { SESSION_COOKIE } from '../../platform/auth/sessions';
import { authorize } from '../../platform/policy';
import { login, presentLogin } from './login';
import { logout } from './logout';
import { changePassword } from './change-password';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens';
import { describeSession } from './session';
import { readSmsNotices, setSmsNotices } from './sms-notices';
import {
  apiTokenList,
  createdApiTokenResponse,
  loginResponse,
  noContent,
  sessionResponse,
  smsNoticesBody,
  smsNoticesResponse,
} from '../../../common/contracts';
import { changePasswordBody, createTokenBody, idParam, loginBody } from './schemas';
import './policy';

/** Registers the auth routes. */
export function authRoutes(deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    // Secure when the request came over HTTPS (req.protocol believes X-Forwarded-Proto only from trusted proxies);
    // COOKIE_SECURE overrides.
    const cookieOptions = (req: FastifyRequest) => ({
      path: '/',
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: deps.cookieSecure ?? req.protocol === 'https',
    });

    app.post(
      '/login',
      { config: { isPublic: true }, schema: { body: loginBody, response: { 200: loginResponse }, tags: ['auth'] } },
      async (req, reply) => {
        const result = await login(req.ctx, req.body.username, req.body.password);
        reply.setCookie(SESSION_COOKIE, result.token, cookieOptions(req));
        return presentLogin(result);
      },
    );

    app.post(
      '/logout',
      { config: { isPublic: true, allowsPasswordChange: true }, schema: { response: { 204: noContent }, tags: ['auth'] } },
      async (req, reply) => {
        if (req.session) await logout(req.ctx, req.session.id);
        reply.clearCookie(SESSION_COOKIE, cookieOptions(req));
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/session',
      { config: { allowsPasswordChange: true }, schema: { response: { 200: sessionResponse }, tags: ['auth'] } },
      async (req) => describeSession(req.ctx, req.session?.csrfToken ?? null),
    );

    app.post(
      '/password',
      { config: { allowsPasswordChange: true }, schema: { body: changePasswordBody, response: { 204: noContent }, tags: ['auth'] } },
      async (req, reply) => {
        await changePassword(req.ctx, req.body.oldPassword, req.body.newPassword, req.session?.id);
        return reply.status(204).send(null);
      },
    );

    app.get('/sms-notices', { schema: { response: { 200: smsNoticesResponse }, tags: ['auth'] } }, async (req) => {
      authorize(req.ctx.actor, 'account.notices');
      return readSmsNotices(req.ctx);
    });

    app.put('/sms-notices', { schema: { body: smsNoticesBody, response: { 200: smsNoticesResponse }, tags: ['auth'] } }, async (req) => {
      authorize(req.ctx.actor, 'account.notices');
      return setSmsNotices(req.ctx, req.body.enabled);
    });

    app.get('/tokens', { schema: { response: { 200: apiTokenList }, tags: ['auth'] } }, async (req) => {
      authorize(req.ctx.actor, 'account.tokens');
      return { items: await listApiTokens(req.ctx) };
    });

    app.post(
      '/tokens',
      { schema: { body: createTokenBody.partial().optional(), response: { 201: createdApiTokenResponse }, tags: ['auth'] } },
      async (req, reply) => {
        authorize(req.ctx.actor, 'account.tokens');
        const created = await createApiToken(req.ctx, req.body?.name ?? '脚本访问', req.body?.expiresInDays);
        return reply.status(201).send(created);
      },
    );

    app.delete('/tokens/:id', { schema: { params: idParam, response: { 204: noContent }, tags: ['auth'] } }, async (req, reply) => {
      authorize(req.ctx.actor, 'account.tokens');
      await revokeApiToken(req.ctx, req.params.id);
      return reply.status(204).send(null);
    });
  };
}
