/**
 * The service worker (vite-plugin-pwa / Workbox, see web/vite.config.ts) keeps the app shell and, network-first, the
 * few GET answers a field worker needs to start the phone pages with no signal: the session, problem categories,
 * site types, their inspection rounds and checklists. Those answers belong to one person, so they are dropped
 * whenever someone signs in or out on this device.
 */
export const API_CACHE = 'cc-api-v1';

/** Forget cached API answers (no-op where the Cache API is missing, e.g. plain http on a LAN address). */
export async function clearApiCache(): Promise<void> {
  if (typeof caches === 'undefined') return;
  await caches.delete(API_CACHE).catch(() => false);
}
