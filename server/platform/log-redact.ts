/**
 * What the request log may show of a URL: integrator keys never reach the logs (FixMyStreet's Open311 client sends
 * `api_key` in the query string of servicerequestupdates), so its value is replaced wherever it appears.
 */
const SECRET_PARAMS = /([?&](?:api_key|apiKey|key)=)[^&#]*/gi;

/** The URL with secret query parameters' values replaced by `[redacted]`. */
export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(SECRET_PARAMS, '$1[redacted]');
}

/** Fastify's request serializer for the logger, with the URL redacted. */
export function requestLogSerializer(req: {
  method: string;
  url: string;
  host?: string;
  hostname?: string;
  ip?: string;
  socket?: { remotePort?: number };
}) {
  return {
    method: req.method,
    url: redactUrl(req.url),
    host: req.host ?? req.hostname,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}
