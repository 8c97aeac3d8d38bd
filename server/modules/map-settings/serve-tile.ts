/**
 * A 内网瓦片服务 tile, fetched by the app for the browser (common/base-map.ts says why: the page's CSP stays closed,
 * an http tile server works under an https app, tiles reach signed-in users only). The tile server is the one that
 * applies in the caller's region, or — for the administrator's preview of an unsaved form — the template given.
 *
 * What comes back is passed on only when its bytes are a PNG, JPEG or WebP image of at most 2 MB; redirects are not
 * followed and the wait is bounded, so a wrong address costs the browser one failed tile, not a hung request. A
 * missing tile (the server's 404) is a 404 here too — normal at the edge of a server's coverage.
 */
import type { FastifyReply } from 'fastify';
import { expandTileUrl, tileUrlProblem } from '../../../common/base-map';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { detectPhotoKind, PHOTO_KINDS } from '../files/detect-image-type';
import { applyingRow, mapRegionOf } from './read-map-settings';

const TIMEOUT_MS = 8_000;
const MAX_BYTES = 2 * 1024 * 1024;
const TILE_KINDS = new Set(['png', 'jpeg', 'webp']);

export type TileResult = { ok: true; bytes: Buffer; mime: string } | { ok: false; status: 404 | 502; code: string; message: string };

const unavailable = (message: string): TileResult => ({ ok: false, status: 502, code: 'tile_unavailable', message });

/** The tile server's template for this request: the preview's (already authorized) or the one applying to the caller. */
async function templateFor(ctx: Ctx, preview: string | undefined): Promise<{ template: string; maxZoom: number }> {
  if (preview !== undefined) {
    const problem = tileUrlProblem(preview);
    if (problem) throw new AppError('validation', problem);
    return { template: preview.trim(), maxZoom: 22 };
  }
  const row = await applyingRow(ctx.db, await mapRegionOf(ctx.db, ctx.actor));
  if (!row || row.kind !== 'tiles' || !row.tile_url) throw notFound('内网瓦片服务');
  return { template: row.tile_url, maxZoom: row.tile_max_zoom };
}

/** Reads at most MAX_BYTES of a body; null when it is longer. */
async function readCapped(body: ReadableStream<Uint8Array> | null): Promise<Buffer | null> {
  if (!body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

/** Fetches one tile for the caller. */
export async function serveTile(ctx: Ctx, tile: { z: number; x: number; y: number }, preview?: string): Promise<TileResult> {
  const { template, maxZoom } = await templateFor(ctx, preview);
  if (tile.z > maxZoom) return { ok: false, status: 404, code: 'not_found', message: '该级别没有瓦片' };
  let res: Response;
  try {
    res = await fetch(expandTileUrl(template, tile.z, tile.x, tile.y), {
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: { accept: 'image/png,image/jpeg,image/webp;q=0.9,*/*;q=0.1' },
    });
  } catch {
    return unavailable('瓦片服务器无法访问');
  }
  if (res.status === 404 || res.status === 204) {
    await res.body?.cancel();
    return { ok: false, status: 404, code: 'not_found', message: '瓦片服务器没有这个瓦片' };
  }
  if (res.status !== 200) {
    await res.body?.cancel();
    return unavailable(`瓦片服务器答复 ${res.status}`);
  }
  let bytes: Buffer | null;
  try {
    bytes = await readCapped(res.body);
  } catch {
    return unavailable('瓦片服务器无法访问');
  }
  if (!bytes) return unavailable('瓦片超过 2 MB');
  const kind = detectPhotoKind(bytes);
  if (!kind || !TILE_KINDS.has(kind)) return unavailable('瓦片服务器返回的不是 PNG、JPEG 或 WebP 图片');
  return { ok: true, bytes, mime: PHOTO_KINDS[kind].mime };
}

/**
 * Sends a tile (kept a day by the browser when it comes from the saved server, whose revision is in the URL; a
 * preview's never) or the reason there is none, as `{ error: { code, message } }`.
 */
export function sendTile(reply: FastifyReply, tile: TileResult, cacheable: boolean): FastifyReply {
  if (!tile.ok) return reply.status(tile.status).send({ error: { code: tile.code, message: tile.message } });
  return reply
    .header('content-type', tile.mime)
    .header('cache-control', cacheable ? 'private, max-age=86400' : 'no-store')
    .send(tile.bytes);
}
