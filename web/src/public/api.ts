/**
 * fetch for the public pages. Requests go without cookies (`credentials: 'omit'`): the public API answers everyone
 * as an anonymous caller, and a staff member's session on the same phone would otherwise ask for a CSRF token.
 */

/** An error answer of the API, with its Chinese message. */
export class PublicApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(method: string, url: string, body?: BodyInit | object): Promise<T> {
  const isForm = body instanceof FormData;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: 'omit',
      headers: body && !isForm ? { 'content-type': 'application/json' } : undefined,
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
  } catch {
    throw new PublicApiError(0, 'network', '网络连接失败，请检查网络后重试');
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string } } | null)?.error;
    throw new PublicApiError(res.status, err?.code ?? 'error', err?.message ?? `请求失败（${res.status}）`);
  }
  return data as T;
}

/** GET a JSON answer. */
export function getJson<T>(url: string): Promise<T> {
  return request<T>('GET', url);
}

/** POST JSON (or a FormData as multipart) and read the JSON answer. */
export function postJson<T>(url: string, body: object | FormData): Promise<T> {
  return request<T>('POST', url, body);
}
