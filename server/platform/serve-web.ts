/**
 * How answers travel: brotli/gzip for every compressible answer, and the built web app (web/dist) with caching that
 * matches how its files change.
 *
 * - `/assets/*` carry a content hash in their names (Vite), so a browser keeps them a year without asking again
 *   (`immutable`); a new build has new names. They are compressed at build time (web/vite.config.ts writes `.br` and
 *   `.gz` beside each file) and sent as stored, so no request pays for compression.
 * - Everything else (index.html for every client-side route, the service worker, its registration, the manifest)
 *   is `no-cache`: the browser may keep a copy but asks first (ETag), so a new build is seen at the next load.
 * - API answers and the rest are compressed on the fly (brotli at a fast level, gzip otherwise) above 1 kB;
 *   files that are compressed already (photos, .xlsx, .docx) are left alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** A Vite asset name, `name-<8 base64url characters>.ext`, or its precompressed copy (`.br`, `.gz`). */
const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+-[\w-]{8}\.[a-z0-9]+(\.br|\.gz)?$/i;
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/**
 * Whether a URL is one of the citizens' public pages, answered with public.html: 随手拍 and the rest (`/p`, `/p/…`)
 * and a survey's public link (`/s/<token>`, 问卷调查).
 */
export function isPublicPagePath(url: string): boolean {
  return /^\/[ps](\/|\?|#|$)/.test(url);
}

/** Brotli/gzip for every answer of the app; register before the routes. */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, { global: true, encodings: ['br', 'gzip'], threshold: 1024 });
}

/**
 * Serves the built web app from `root` (when it has an index.html): its files, and index.html for any other path
 * outside /api/ (client-side routes). `compressed`: send the build's `.br`/`.gz` copies when the browser takes them.
 */
export async function registerWebApp(app: FastifyInstance, root: string, { compressed }: { compressed: boolean }): Promise<void> {
  if (!fs.existsSync(path.join(root, 'index.html'))) return;
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    preCompressed: compressed,
    // The compressed copies are found by preCompressed; they need no routes of their own.
    globIgnore: ['**/*.br', '**/*.gz'],
    cacheControl: false,
    setHeaders: (reply, filePath) => {
      reply.header('cache-control', HASHED_ASSET.test(filePath) ? IMMUTABLE : REVALIDATE);
    },
  });
  const indexHtml = fs.readFileSync(path.join(root, 'index.html'));
  // The citizens' public pages (/p/*, /s/*) are their own light page (web/public.html → web/src/public/).
  const publicHtml = fs.existsSync(path.join(root, 'public.html')) ? fs.readFileSync(path.join(root, 'public.html')) : indexHtml;
  // Client-side routes: anything that is not an API call or a file gets the single page.
  app.get('/*', { config: { isPublic: true }, schema: { hide: true } }, async (req, reply) => {
    if (req.url.startsWith('/api/')) {
      return reply.status(404).send({ error: { code: 'not_found', message: '接口不存在' } });
    }
    const html = isPublicPagePath(req.url) ? publicHtml : indexHtml;
    return reply.type('text/html; charset=utf-8').header('cache-control', REVALIDATE).send(html);
  });
}
