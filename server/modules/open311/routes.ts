/**
 * /open311/v2: Open311 GeoReport v2 in XML and JSON (every method of the spec, plus servicerequestupdates). Reading
 * needs no key; POST requests needs an integrator's api_key. Errors answer in the spec's own format (format.ts).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  fileResponse,
  open311Created,
  open311Discovery,
  open311Requests,
  open311ServiceDefinition,
  open311Services,
  open311Tokens,
  open311Updates,
} from '../../../common/contracts';
import type { ModuleDeps } from '../../app';
import { AppError } from '../../platform/errors';
import { formatOf, sendOpen311Error, sendXml, toXml, type Open311Format } from './format';
import { publicPhoto } from './media';
import { postRequest, type FormBody } from './post-request';
import { jurisdictionPath, readRequest, readRequests, readToken, readUpdates } from './read-requests';
import { serviceAttributes, services } from './services';

const FORMATS: Open311Format[] = ['json', 'xml'];
const XML = (what: string) => fileResponse('text/xml', `Open311 ${what}（XML）`);
const q = z.string().max(4000).optional();
const listQuery = z.object({
  jurisdiction_id: q,
  service_request_id: q,
  service_code: q,
  start_date: q,
  end_date: q,
  status: q,
});
const jurisdictionQuery = z.object({ jurisdiction_id: q });

/** `a=1&b=2&b=3` → { a: '1', b: ['2', '3'] } (repeated keys kept: multivaluelist attributes). */
export function parseForm(text: string): FormBody {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    const had = out[k];
    out[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
  }
  return out;
}

const STATUS_DESCRIPTION: Record<number, string> = { 404: '请求的资源不存在', 413: '提交内容过大', 415: '不支持的内容类型' };

/** Registers the Open311 routes (prefix /open311/v2). */
export function open311Routes(deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    // The spec posts application/x-www-form-urlencoded; this parser exists only inside this plugin.
    fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) =>
      done(null, parseForm(String(body))),
    );
    fastify.setErrorHandler((error: Error & { statusCode?: number }, req, reply) => {
      const format = formatOf(req.url);
      if (error instanceof AppError) return sendOpen311Error(reply, format, error.status, error.message);
      if (hasZodFastifySchemaValidationErrors(error))
        return sendOpen311Error(
          reply,
          format,
          400,
          `参数有误：${error.validation.map((v) => `${String(v.instancePath).replace(/^\//, '')} ${v.message}`).join('；')}`,
        );
      const status = error.statusCode;
      if (status && status >= 400 && status < 500)
        return sendOpen311Error(reply, format, status, STATUS_DESCRIPTION[status] ?? `请求格式有误：${error.message}`);
      req.log.error({ err: error }, 'unhandled error');
      return sendOpen311Error(reply, format, 500, '服务器内部错误，请稍后重试');
    });
    fastify.setNotFoundHandler((req, reply) => sendOpen311Error(reply, formatOf(req.url), 404, `接口不存在：${req.url.split('?')[0]}`));

    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['open311'];
    const config = { isPublic: true };
    const base = (req: FastifyRequest) => `${req.protocol}://${req.host}`;
    const answer = (reply: FastifyReply, format: Open311Format, status: number, value: unknown, xml: () => string) =>
      format === 'json' ? reply.status(status).send(value) : sendXml(reply, status, xml());

    for (const format of FORMATS) {
      const ok = <T extends z.ZodType>(contract: T, what: string) => (format === 'json' ? contract : XML(what));

      app.get(
        `/discovery.${format}`,
        { config, schema: { tags, response: { 200: ok(open311Discovery, 'discovery') } } },
        async (req, reply) => {
          const d = {
            changeset: '2026-12-05T00:00:00+08:00',
            contact: '请联系所在县（市、区）创建办',
            key_service: '对接密钥由所在县（市、区）的安全管理员签发（系统管理 → 对接密钥）',
            endpoints: [
              {
                specification: 'http://wiki.open311.org/GeoReport_v2',
                url: `${base(req)}/open311/v2`,
                changeset: '2026-12-05T00:00:00+08:00',
                type: 'production',
                formats: ['text/xml', 'application/json'],
              },
            ],
          };
          return answer(reply, format, 200, d, () =>
            toXml('discovery', { ...d, endpoints: { endpoint: d.endpoints.map((e) => ({ ...e, formats: { format: e.formats } })) } }),
          );
        },
      );

      app.get(
        `/services.${format}`,
        { config, schema: { tags, querystring: jurisdictionQuery, response: { 200: ok(open311Services, 'services') } } },
        async (req, reply) => {
          const list = await services(req.ctx.db, (await jurisdictionPath(req.ctx, req.query.jurisdiction_id)) ?? null);
          return answer(reply, format, 200, list, () => toXml('services', list, 'service'));
        },
      );

      app.get(
        `/services/:service_code.${format}`,
        {
          config,
          schema: {
            tags,
            params: z.object({ service_code: z.string().max(40) }),
            querystring: jurisdictionQuery,
            response: { 200: ok(open311ServiceDefinition, 'service definition') },
          },
        },
        async (req, reply) => {
          const path = (await jurisdictionPath(req.ctx, req.query.jurisdiction_id)) ?? null;
          const found = (await services(req.ctx.db, path)).find((s) => s.service_code === req.params.service_code);
          if (!found) throw new AppError('not_found', `service_code ${req.params.service_code} 不存在`);
          const def = { service_code: found.service_code, attributes: await serviceAttributes(req.ctx.db, found.service_code) };
          return answer(reply, format, 200, def, () =>
            toXml('service_definition', {
              service_code: def.service_code,
              attributes: { attribute: def.attributes.map((a) => ({ ...a, values: { value: a.values } })) },
            }),
          );
        },
      );

      app.post(
        `/requests.${format}`,
        { config, schema: { tags, response: { 201: ok(open311Created, 'created request') } } },
        async (req, reply) => {
          const body = req.body;
          if (!body || typeof body !== 'object' || Array.isArray(body))
            throw new AppError('validation', '请以 application/x-www-form-urlencoded 提交参数（api_key、service_code、位置等）');
          const created = await postRequest(req.ctx, body as FormBody);
          const out = [
            { service_request_id: created.code, token: created.token, service_notice: '已进入待受理队列', account_id: created.accountId },
          ];
          return answer(reply, format, 201, out, () => toXml('service_requests', out, 'request'));
        },
      );

      app.get(
        `/requests.${format}`,
        { config, schema: { tags, querystring: listQuery.extend({ api_key: q }), response: { 200: ok(open311Requests, 'requests') } } },
        async (req, reply) => {
          const list = await readRequests(req.ctx, req.query, base(req));
          return answer(reply, format, 200, list, () => toXml('service_requests', list, 'request'));
        },
      );

      app.get(
        `/requests/:service_request_id.${format}`,
        {
          config,
          schema: {
            tags,
            params: z.object({ service_request_id: z.string().max(60) }),
            querystring: jurisdictionQuery.extend({ api_key: q }),
            response: { 200: ok(open311Requests, 'request') },
          },
        },
        async (req, reply) => {
          const list = await readRequest(req.ctx, req.params.service_request_id, req.query, base(req));
          return answer(reply, format, 200, list, () => toXml('service_requests', list, 'request'));
        },
      );

      app.get(
        `/tokens/:token.${format}`,
        {
          config,
          schema: {
            tags,
            params: z.object({ token: z.string().max(60) }),
            querystring: jurisdictionQuery,
            response: { 200: ok(open311Tokens, 'token') },
          },
        },
        async (req, reply) => {
          const list = await readToken(req.ctx, req.params.token);
          return answer(reply, format, 200, list, () => toXml('service_requests', list, 'request'));
        },
      );

      app.get(
        `/servicerequestupdates.${format}`,
        { config, schema: { tags, querystring: listQuery.extend({ api_key: q }), response: { 200: ok(open311Updates, 'updates') } } },
        async (req, reply) => {
          const list = await readUpdates(req.ctx, req.query, base(req));
          return answer(reply, format, 200, list, () => toXml('service_request_updates', list, 'request_update'));
        },
      );
    }

    app.get(
      '/media/:fileId.jpg',
      {
        config,
        schema: {
          tags,
          params: z.object({ fileId: z.string().max(40) }),
          response: { 200: fileResponse('image/jpeg', '公开照片（打码、去除 EXIF）') },
        },
      },
      async (req, reply) => {
        const media = await publicPhoto(req.ctx, deps.storage, req.params.fileId);
        // Not kept by caches: a box the office adds later (or the problem leaving the public list) takes effect at once.
        return reply
          .header('content-type', 'image/jpeg')
          .header('cache-control', 'public, no-cache')
          .send(media.jpeg as never);
      },
    );
  };
}
