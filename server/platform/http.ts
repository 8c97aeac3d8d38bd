/**
 * Fastify glue every module shares: who is calling (session cookie or bearer token), the CSRF rule,
 * the forced password change, the per-request context, and the one error handler.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { grantsFromJson, grantsJsonSql, type Actor } from './actor';
import type { Clock } from './clock';
import type { Ctx } from './context';
import type { Db } from './db';
import { AppError } from './errors';
import { normalizeInputError } from './input-guards';
import { ACTOR_USER_COLUMNS, type ActorUserRow } from './auth/actor-row';
import { resolveSessionUser, SESSION_COOKIE } from './auth/sessions';
import { resolveApiTokenUser } from './auth/tokens';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx;
    session: { id: string; csrfToken: string } | null;
  }
  interface FastifyContextConfig {
    /** No sign-in needed (health, login). */
    isPublic?: boolean;
    /** Reachable while the user still has to change an initial password. */
    allowsPasswordChange?: boolean;
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Loads the actor for a user id, or null when the account is gone or disabled. */
export async function loadActor(db: Db, userId: string, via: Actor['via']): Promise<Actor | null> {
  // The user and their grants in one statement.
  const user = await db
    .selectFrom('users as au')
    .select(ACTOR_USER_COLUMNS)
    .select(grantsJsonSql(sql.ref('au.id')).as('grants'))
    .where('au.id', '=', userId)
    .executeTakeFirst();
  return user ? actorFromRow(user, via) : null;
}

/** The actor from a user row selected with `ACTOR_USER_COLUMNS` and its grants; null when the account is disabled. */
function actorFromRow(user: ActorUserRow, via: Actor['via']): Actor | null {
  if (!user.active) return null;
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    unitId: user.unit_id,
    regionId: user.region_id,
    grants: grantsFromJson(user.grants),
    mustChangePassword: user.must_change_password,
    isDemo: user.is_demo,
    via,
  };
}

/** Registers authentication, CSRF and error handling on the app. */
export function registerHttpPlatform(app: FastifyInstance, deps: { db: Db; clock: Clock }): void {
  app.decorateRequest('ctx', null as unknown as Ctx);
  app.decorateRequest('session', null);

  // onRequest, before the body is parsed and validated: a signed-out caller learns nothing about a route's input
  // (401, not 400) and a forged cross-site request is refused (403 csrf) before any of it is read.
  app.addHook('onRequest', async (req: FastifyRequest) => {
    const meta = { ip: req.ip ?? null, userAgent: (req.headers['user-agent'] as string | undefined)?.slice(0, 400) ?? null };
    const base = { db: deps.db, clock: deps.clock, meta };
    // Only the API needs a caller: the web app's files and the API documentation are public.
    const isPublic = req.routeOptions.config?.isPublic === true || !req.url.startsWith('/api/') || req.url.startsWith('/api/docs');
    const actor = await identify(req, deps);
    if (!actor) {
      if (isPublic) {
        req.ctx = { ...base, actor: anonymous };
        return;
      }
      throw new AppError('unauthenticated', '请先登录');
    }
    req.ctx = { ...base, actor };
    if (req.session && MUTATING.has(req.method) && req.headers['x-csrf-token'] !== req.session.csrfToken) {
      throw new AppError('csrf', '请求缺少有效的 CSRF 令牌，请刷新页面后重试');
    }
    if (actor.mustChangePassword && !isPublic && req.routeOptions.config?.allowsPasswordChange !== true) {
      throw new AppError('password_change_required', '首次登录或密码已重置，请先修改密码');
    }
  });

  app.setErrorHandler((raw: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) => {
    const error = normalizeInputError(raw); // cut-off multipart bodies and the like → 4xx (input-guards.ts)
    if (error instanceof AppError) {
      // A refusal's technical reason (an unreadable file's parser message), for whoever reads the log, not the user.
      if (error.cause) req.log.warn({ code: error.code, reason: String(error.cause) }, 'request refused');
      return reply.status(error.status).send({ error: { code: error.code, message: error.message, ...error.extra } });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => {
        const field = String(v.instancePath || '')
          .replace(/^\//, '')
          .replace(/\//g, '.');
        return field ? `${field}：${v.message}` : String(v.message);
      });
      return reply.status(400).send({ error: { code: 'validation', message: `输入有误：${details.join('；')}`, fields: details } });
    }
    const status = (error as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      const code = status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'bad_request';
      const message = status === 413 ? '上传内容过大' : status === 415 ? '不支持的内容类型' : `请求格式有误：${error.message}`;
      return reply.status(status).send({ error: { code, message } });
    }
    req.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: '服务器内部错误，请稍后重试' } });
  });

  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send({ error: { code: 'not_found', message: `接口不存在：${req.method} ${req.url.split('?')[0]}` } });
  });
}

const anonymous: Actor = {
  id: '',
  username: '',
  name: '访客',
  unitId: null,
  regionId: null,
  grants: [],
  mustChangePassword: false,
  isDemo: false,
  via: 'session',
};

/** Who is calling: a bearer token or the session cookie, each with its user and grants in one statement. */
async function identify(req: FastifyRequest, deps: { db: Db; clock: Clock }): Promise<Actor | null> {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) {
    const found = await resolveApiTokenUser(deps.db, auth.slice(7).trim(), deps.clock.now());
    if (!found) throw new AppError('unauthenticated', 'API 令牌无效或已撤销');
    const actor = found.user ? actorFromRow(found.user, 'token') : null;
    if (!actor) throw new AppError('unauthenticated', '账号已停用');
    return actor;
  }
  const token = req.cookies?.[SESSION_COOKIE];
  if (!token) return null;
  const found = await resolveSessionUser(deps.db, token, deps.clock.now());
  if (found.status === 'expired') {
    if (req.routeOptions.config?.isPublic) return null;
    throw new AppError('session_expired', '长时间未操作，登录已过期，请重新登录');
  }
  if (found.status !== 'ok' || !found.user) return null;
  const actor = actorFromRow(found.user, 'session');
  if (!actor) return null;
  req.session = { id: found.sessionId, csrfToken: found.csrfToken };
  return actor;
}
