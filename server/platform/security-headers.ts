/**
 * Security headers on every answer (the web app, the API, the API docs, the printable 督办单), from helmet.
 *
 * helmet's middleware is built once, at start: @fastify/helmet 13 built it again for every request (its CSP directives
 * parsed and validated each time — about 5 % of a request's CPU on the report path, measured with
 * `node --cpu-prof` under the benchmark's closed loop). The headers are the same for every answer, so one middleware
 * serves them all, set in the first onRequest hook so that refusals (401, 403, 404) carry them too.
 */
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { TIANDITU_IMAGE_SOURCE } from '../../common/base-map';

/**
 * The policy. antd writes inline styles, so only style-src allows 'unsafe-inline'; scripts come from the app's own files. The one inline handler,
 * the print page's `onclick="print()"`, is allowed by its hash. No upgrade-insecure-requests: intranet deployments
 * may serve plain HTTP.
 */
export const SECURITY_HEADERS = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      'default-src': ["'self'"],
      'base-uri': ["'self'"],
      'connect-src': ["'self'"],
      'font-src': ["'self'", 'data:'],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
      // 天地图 tiles load from t0–t7.tianditu.gov.cn; 内网瓦片 come through the app itself (common/base-map.ts).
      'img-src': ["'self'", 'data:', 'blob:', TIANDITU_IMAGE_SOURCE],
      'manifest-src': ["'self'"],
      'object-src': ["'none'"],
      'script-src': ["'self'"],
      'script-src-attr': ["'unsafe-hashes'", "'sha256-Ul1RMxNBbPGH9E+ofhdT7m0RVSwiCXU33cMrTtNPpo8='"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'worker-src': ["'self'"],
    },
  },
  frameguard: { action: 'deny' as const },
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' as const },
  // Browsers ignore HSTS over plain HTTP; behind HTTPS it keeps them there.
  strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: false },
};

/** Sets the security headers on every answer of the app (registered before any other hook). */
export function registerSecurityHeaders(app: FastifyInstance): void {
  const apply = helmet(SECURITY_HEADERS);
  app.addHook('onRequest', (req, reply, done) => apply(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined)));
}
