/**
 * What the request log may show of a URL or a body: integrator keys never reach the logs (FixMyStreet's Open311
 * client sends `api_key` in the query string of servicerequestupdates), so its value is replaced wherever it appears.
 * A parameter is secret by its DECODED name, case-insensitively: the router decodes `api%5Fkey` to `api_key` and
 * accepts it, so the log must not keep it either.
 */
const SECRET_NAMES = new Set(['api_key', 'apikey', 'key']);
const REDACTED = '[redacted]';

/** A query or form parameter name as the router sees it ('+' is a space; bad escapes are kept as written). */
function decodeName(raw: string): string {
  const plus = raw.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(plus);
  } catch {
    return plus;
  }
}

/** Whether a (possibly percent-encoded) parameter name is an integrator key. */
export function isSecretParam(name: string): boolean {
  return SECRET_NAMES.has(decodeName(name).trim().toLowerCase());
}

/** An `a=1&b=2` string with the secret parameters' values replaced (separators and other pairs kept as they were). */
function redactPairs(query: string): string {
  return query
    .split(/([&;])/)
    .map((part) => {
      if (part === '&' || part === ';') return part;
      const eq = part.indexOf('=');
      const name = eq === -1 ? part : part.slice(0, eq);
      if (eq === -1 || !isSecretParam(name)) return part;
      return `${name}=${REDACTED}`;
    })
    .join('');
}

/** The URL with secret query parameters' values replaced by `[redacted]`. */
export function redactUrl(url: string | undefined): string | undefined {
  if (url == null) return url;
  const q = url.indexOf('?');
  if (q === -1) return url;
  const hash = url.indexOf('#', q);
  const query = hash === -1 ? url.slice(q + 1) : url.slice(q + 1, hash);
  return url.slice(0, q + 1) + redactPairs(query) + (hash === -1 ? '' : url.slice(hash));
}

/**
 * A request body as it may be logged: a form-encoded or JSON string, or a parsed object (nested objects and arrays
 * walked), with the values of secret keys replaced. The input is not changed.
 */
export function redactBody(body: unknown, depth = 0): unknown {
  if (typeof body === 'string') {
    const trimmed = body.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        return JSON.stringify(redactBody(JSON.parse(trimmed) as unknown, depth));
      } catch {
        // not JSON after all: fall through to the form-encoded reading
      }
    }
    return body.includes('=') ? redactPairs(body) : body;
  }
  if (depth > 8 || body === null || typeof body !== 'object') return body;
  if (Array.isArray(body)) return body.map((v) => redactBody(v, depth + 1));
  const proto = Object.getPrototypeOf(body) as unknown;
  if (proto !== Object.prototype && proto !== null) return body;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) out[k] = isSecretParam(k) ? REDACTED : redactBody(v, depth + 1);
  return out;
}

/**
 * pino's `formatters.log`: any log line's `url`, `body` and `query` (top level or under `req`) are redacted, so a
 * handler that logs a body or a query cannot leak a key whatever its case or encoding.
 */
export function redactLogObject(obj: Record<string, unknown>): Record<string, unknown> {
  let out = obj;
  const patch = (key: string, value: unknown) => {
    if (out === obj) out = { ...obj };
    out[key] = value;
  };
  if (typeof obj.url === 'string') patch('url', redactUrl(obj.url));
  if ('body' in obj) patch('body', redactBody(obj.body));
  if ('query' in obj) patch('query', redactBody(obj.query));
  return out;
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
