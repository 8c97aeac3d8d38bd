/**
 * Input the handlers should never see, refused once for every route (issue 7: 34 requests answered 500):
 *   - a NUL character (\u0000) anywhere in the query, path parameters or JSON body — PostgreSQL cannot store it in
 *     text, so it used to surface as a 500 from the database;
 *   - a multipart body that cannot be read (cut off, malformed) — busboy's errors carry no status;
 *   - URLs the router refuses (a malformed escape, a parameter over maxParamLength → 414) and requests Node's HTTP
 *     parser refuses — Fastify answered those without our `{ error: { code, message } }` body.
 */
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { AppError } from './errors';

const NUL = '\u0000';

/** The path of the first string (or key) holding a NUL, or null. Depth-limited: bodies are already size-limited. */
export function findNul(value: unknown, where: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes(NUL) ? where : null;
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  if (Buffer.isBuffer(value)) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const hit = findNul(value[i], `${where}[${i}]`, depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (key.includes(NUL)) return `${where}.${key.replace(/\u0000/g, '\\0')}`;
    const hit = findNul(v, `${where}.${key}`, depth + 1);
    if (hit) return hit;
  }
  return null;
}

/** Registers the NUL guard; call before the modules' routes are registered. */
export function registerInputGuards(app: FastifyInstance): void {
  // preValidation: after authentication (a signed-out caller still gets 401), before any handler or schema.
  app.addHook('preValidation', async (req: FastifyRequest) => {
    const hit = findNul(req.params, 'params') ?? findNul(req.query, 'query') ?? findNul(req.body, 'body');
    if (hit) {
      const field = hit.replace(/^(params|query|body)\.?/, '') || hit;
      throw new AppError('validation', `输入有误：${field} 含有不允许的空字符（\\u0000）`, { fields: [field] });
    }
  });
}

const MULTIPART_MESSAGES =
  /unexpected end of (form|file)|malformed (part header|urlencoded form)|boundary not found|part terminated early|multipart/i;

/**
 * Maps input errors that reach the error handler without an HTTP status to a 4xx AppError; anything else is returned
 * unchanged (a real 500 stays a 500).
 */
export function normalizeInputError<E>(error: E): E | AppError {
  if (error instanceof AppError) return error;
  const e = error as { code?: string; statusCode?: number; message?: string; stack?: string };
  if (!e || typeof e !== 'object') return error;
  if (e.code === 'FST_REQ_FILE_TOO_LARGE') return new AppError('payload_too_large', '上传文件过大');
  if (e.code === 'FST_FILES_LIMIT' || e.code === 'FST_FIELDS_LIMIT' || e.code === 'FST_PARTS_LIMIT') {
    return new AppError('bad_request', '上传的文件或字段数量超过限制');
  }
  if (!e.statusCode && (MULTIPART_MESSAGES.test(e.message ?? '') || /busboy/.test(e.stack ?? ''))) {
    return new AppError('bad_request', '上传内容格式有误或不完整，请重新上传');
  }
  // PostgreSQL refusing bytes it cannot store (a NUL that came in some way the guard does not see, e.g. a file name).
  if (e.code === '22021' || e.code === '22P05') return new AppError('validation', '输入有误：含有不允许的字符');
  return error;
}

function errorBody(status: number, message: string) {
  return { error: { code: status === 414 ? 'uri_too_long' : 'bad_request', message } };
}

/** Fastify's frameworkErrors: router-level refusals get the usual error body. */
function frameworkErrors(error: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const message =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? '请求地址中的参数过长'
      : error.code === 'FST_ERR_BAD_URL'
        ? '请求地址格式有误'
        : '请求格式有误';
  void reply.status(status).send(errorBody(status, message));
}

/** Node's HTTP parser refusing a request (header or URL over 16 KB → 431, garbage → 400): answer with the body too. */
function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'HPE_URI_TOO_LONG' ? 414 : 400;
  const body = JSON.stringify(errorBody(status, status === 431 ? '请求头或地址过长' : '请求格式有误'));
  socket.end(
    `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : status === 414 ? 'URI Too Long' : 'Bad Request'}\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Options to spread into `Fastify({...})`. */
export const inputGuardOptions: Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'> = {
  frameworkErrors,
  clientErrorHandler,
};
