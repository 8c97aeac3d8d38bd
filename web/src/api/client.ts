/** The one typed HTTP client for /api: JSON, same-origin cookies, CSRF header, typed errors. */
import { cacheTicket, cachedAnswer, keptOffline, rememberAnswer } from './offline-cache';

export interface ImportRowError {
  row: number;
  column?: string;
  message: string;
}

/** An error answered by the server (or a network failure, status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly rows?: ImportRowError[];

  constructor(status: number, code: string, message: string, rows?: ImportRowError[]) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.rows = rows;
  }
}

/** Messages the client words itself (the server's own Chinese text is used otherwise). */
const CLIENT_MESSAGES: Record<string, string> = {
  version_conflict: '数据已被他人修改，请刷新后重试',
};

export type AuthProblem = 'unauthenticated' | 'session_expired' | 'password_change_required';
/** `wasSignedIn`: this browser held a session before, so the redirect is worded 登录已过期. */
type AuthListener = (problem: AuthProblem, wasSignedIn: boolean) => void;

const SIGNED_IN_FLAG = 'cc.signedIn';
let csrfToken: string | null = null;
const authListeners = new Set<AuthListener>();

function setSignedInFlag(on: boolean): void {
  try {
    if (on) localStorage.setItem(SIGNED_IN_FLAG, '1');
    else localStorage.removeItem(SIGNED_IN_FLAG);
  } catch {
    // Storage may be unavailable (private mode); the flag only affects wording.
  }
}

function readSignedInFlag(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_FLAG) === '1';
  } catch {
    return false;
  }
}

/** Remember the CSRF token handed out by login or GET /api/auth/session (null on logout). */
export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
  setSignedInFlag(csrfToken !== null);
}

/** A problem met before anyone listened (the session is asked for before the first render): told to the first listener. */
let unheard: [AuthProblem, boolean] | null = null;

/** Subscribe to session problems (expired login, forced password change); returns an unsubscribe. */
export function onAuthProblem(listener: AuthListener): () => void {
  authListeners.add(listener);
  if (unheard) {
    const [problem, wasSignedIn] = unheard;
    unheard = null;
    queueMicrotask(() => listener(problem, wasSignedIn));
  }
  return () => authListeners.delete(listener);
}

type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

/** Build `path?query`, leaving out empty values. */
export function withQuery(path: string, params?: QueryParams): string {
  if (!params) return path;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

const AUTH_ENDPOINTS_WITHOUT_REDIRECT = ['/api/auth/login'];

async function toApiError(response: Response, path: string): Promise<ApiError> {
  let code = `http_${response.status}`;
  let message = `服务器错误（${response.status}）`;
  let rows: ImportRowError[] | undefined;
  try {
    const body = (await response.json()) as {
      error?: { code?: string; message?: string; rows?: ImportRowError[] };
      rows?: ImportRowError[];
    };
    if (body?.error) {
      code = body.error.code ?? code;
      message = body.error.message ?? message;
      rows = body.error.rows ?? body.rows;
    }
  } catch {
    // Not JSON (a proxy page, an empty body): keep the generic wording.
  }
  message = CLIENT_MESSAGES[code] ?? message;
  const error = new ApiError(response.status, code, message, rows);
  notifyAuthProblem(error, path);
  return error;
}

function notifyAuthProblem(error: ApiError, path: string): void {
  if (AUTH_ENDPOINTS_WITHOUT_REDIRECT.some((p) => path.startsWith(p))) return;
  let problem: AuthProblem | null = null;
  if (error.status === 401) problem = error.code === 'session_expired' ? 'session_expired' : 'unauthenticated';
  if (error.status === 403 && error.code === 'password_change_required') problem = 'password_change_required';
  if (!problem) return;
  const wasSignedIn = csrfToken !== null || readSignedInFlag();
  if (problem !== 'password_change_required') setCsrfToken(null);
  if (authListeners.size === 0) unheard = [problem, wasSignedIn];
  authListeners.forEach((listener) => listener(problem, wasSignedIn));
}

/** A proxy's answer when the server behind it cannot be reached. */
const UNREACHABLE = new Set([502, 503, 504]);

/** The failure of a call that never reached the server; offline, it says so (and that nothing was sent). */
function networkError(method: string): ApiError {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) {
    return new ApiError(0, 'network', method === 'GET' ? '网络已断开，联网后再试' : '网络已断开，操作未提交，请联网后重试');
  }
  return new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
}

async function send(method: string, path: string, init: RequestInit): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json');
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers.set('x-csrf-token', csrfToken);
  // The few answers the phone pages need with no signal: kept as they arrive, answered from the device when the
  // server cannot be reached (api/offline-cache.ts).
  const offline = method === 'GET' && keptOffline(path);
  const ticket = cacheTicket();
  let response: Response;
  try {
    response = await fetch(path, { ...init, method, headers, credentials: 'same-origin' });
  } catch {
    const cached = offline ? await cachedAnswer(path) : undefined;
    if (cached) return cached;
    throw networkError(method);
  }
  if (offline && UNREACHABLE.has(response.status)) {
    const cached = await cachedAnswer(path);
    if (cached) return cached;
  }
  if (!response.ok) throw await toApiError(response, path);
  if (offline) void rememberAnswer(path, response.clone(), ticket);
  return response;
}

async function parseJson<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Send a JSON request and return the parsed body (undefined for 204). */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = {};
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'content-type': 'application/json' };
  }
  return parseJson<T>(await send(method, path, init));
}

export const api = {
  get: <T>(path: string, params?: QueryParams) => request<T>('GET', withQuery(path, params)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

/** Upload one file as multipart field `file`, with optional text fields sent before it. */
export async function uploadFile<T>(path: string, file: File, fields?: Record<string, string>): Promise<T> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields ?? {})) form.append(key, value);
  form.append('file', file);
  return parseJson<T>(await send('POST', path, { body: form }));
}

/** Upload several files, each as multipart field `file`, after the text fields. */
export async function uploadFiles<T>(path: string, files: File[], fields?: Record<string, string>): Promise<T> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields ?? {})) form.append(key, value);
  for (const file of files) form.append('file', file);
  return parseJson<T>(await send('POST', path, { body: form }));
}

function fileNameFrom(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(header);
  if (star) return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain ? plain[1] : fallback;
}

/** Download a file (an .xlsx export or template) and hand it to the browser. */
export async function downloadFile(path: string, params: QueryParams | undefined, fallbackName: string) {
  const response = await send('GET', withQuery(path, params), {});
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameFrom(response, fallbackName);
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
