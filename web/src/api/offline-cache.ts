/**
 * The last good answer of the few GET calls a field worker needs to open the phone pages with no signal: the
 * session, problem categories (and the person's most used ones), site types, "my reports", the inspector's rounds and
 * their checklists.
 *
 * The API client (api/client.ts) keeps each such answer here as it arrives and, when the network fails (or a proxy
 * answers 502–504 because the server is unreachable), answers from here instead. The app shell itself comes from
 * the service worker's precache (web/vite.config.ts), which caches no API answer: doing it here works whether or
 * not the service worker already controls the page (a first visit, a sign-in right after it installs).
 *
 * Those answers belong to one person, so they are dropped whenever someone signs in or out on this device; an
 * answer that was on its way when that happened is not stored.
 */
export const API_CACHE = 'cc-api-v1';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const KEPT: Array<(url: URL) => boolean> = [
  (u) => /^\/api\/(auth\/session|problem-categories|problem-categories\/frequent|site-types)$/.test(u.pathname),
  (u) => u.pathname === '/api/inspection-rounds' && u.searchParams.get('mine') === 'true',
  (u) => new RegExp(`^/api/inspection-rounds/${UUID}(/checklist)?$`).test(u.pathname),
  (u) => u.pathname === '/api/problems' && u.searchParams.get('mine') === 'true',
];

/** Whether a GET path (with its query) is one the phone pages need offline. */
export function keptOffline(path: string): boolean {
  if (typeof caches === 'undefined') return false;
  const url = new URL(path, location.origin);
  return KEPT.some((kept) => kept(url));
}

let generation = 0;

/** A ticket for an answer about to be fetched: storing it is refused if the cache was cleared meanwhile. */
export function cacheTicket(): number {
  return generation;
}

/** Keep a successful answer (fire and forget: a full or missing cache never fails the call). */
export async function rememberAnswer(path: string, response: Response, ticket: number): Promise<void> {
  try {
    const body = await response.blob();
    if (ticket !== generation) return;
    const headers = new Headers({ 'content-type': response.headers.get('content-type') ?? 'application/json' });
    headers.set('x-cc-cached-at', new Date().toISOString());
    const cache = await caches.open(API_CACHE);
    if (ticket !== generation) return;
    await cache.put(new URL(path, location.origin).href, new Response(body, { status: 200, headers }));
  } catch {
    // Quota exceeded or storage unavailable: the page still has the answer in memory.
  }
}

/** The last kept answer for a path, if any. */
export async function cachedAnswer(path: string): Promise<Response | undefined> {
  try {
    const cache = await caches.open(API_CACHE);
    return await cache.match(new URL(path, location.origin).href);
  } catch {
    return undefined;
  }
}

/** Forget cached API answers (no-op where the Cache API is missing, e.g. plain http on a LAN address). */
export async function clearApiCache(): Promise<void> {
  generation += 1;
  if (typeof caches === 'undefined') return;
  await caches.delete(API_CACHE).catch(() => false);
}
