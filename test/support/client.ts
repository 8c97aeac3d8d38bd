/** An HTTP client over app.inject that keeps a session cookie and CSRF token like a browser. */
import type { FastifyInstance, InjectOptions } from 'fastify';

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
  raw: Buffer;
}

/** Resolves when the app's woken after-commit drains have finished (platform/jobs-after-commit.ts); it drains nothing itself. */
export async function afterCommitSettled(app: FastifyInstance): Promise<void> {
  await (app as Partial<Pick<FastifyInstance, 'afterCommit'>>).afterCommit?.idle();
}

export class Client {
  cookie: string | null = null;
  csrf: string | null = null;
  bearer: string | null = null;
  constructor(readonly app: FastifyInstance) {}

  async request<T = any>(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    opts: { csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<Res<T>> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    if (this.csrf && opts.csrf !== false && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const isBuffer = Buffer.isBuffer(body);
    const res = await this.app.inject({
      method,
      url,
      headers,
      ...(body !== undefined ? (isBuffer ? { payload: body } : { payload: body as object }) : {}),
    });
    // What the request queued for after its COMMIT (notices) is delivered by the node's drain loop, woken as the
    // answer left; wait for it (never a sleep) so the next step sees the notices, as a person's next screen would.
    await afterCommitSettled(this.app);
    const setCookie = res.cookies.find((c) => c.name === 'cc_session');
    if (setCookie) this.cookie = setCookie.value ? `cc_session=${setCookie.value}` : null;
    const type = String(res.headers['content-type'] ?? '');
    return {
      status: res.statusCode,
      body: (type.includes('json') ? res.json() : res.body) as T,
      headers: res.headers,
      raw: res.rawPayload,
    };
  }
  get<T = any>(url: string) {
    return this.request<T>('GET', url);
  }
  post<T = any>(url: string, body?: unknown, opts?: { csrf?: boolean }) {
    return this.request<T>('POST', url, body ?? {}, opts);
  }
  patch<T = any>(url: string, body: unknown) {
    return this.request<T>('PATCH', url, body);
  }
  delete<T = any>(url: string) {
    return this.request<T>('DELETE', url);
  }

  /** Signs in; throws unless it worked. */
  async login(username: string, password: string): Promise<this> {
    const res = await this.post('/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    this.csrf = res.body.csrfToken;
    return this;
  }

  /** Uploads a file as multipart field `file`. */
  async upload<T = any>(url: string, file: Buffer, fileName = 'import.xlsx'): Promise<Res<T>> {
    const boundary = '----cc' + Math.random().toString(16).slice(2);
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    return this.request<T>('POST', url, Buffer.concat([head, file, tail]), {
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
  }
}
