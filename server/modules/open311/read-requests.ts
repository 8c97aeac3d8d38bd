/**
 * GET requests, requests/{id}, tokens/{token}, servicerequestupdates: what the public may read (no key needed) —
 * problems of public sources the office has reviewed (not 待受理, not 不予受理). An integrator sending its api_key
 * (optional on reads, as FixMyStreet's client does) also reads back its own requests by id and in the updates while
 * they are unreviewed; a token (known only to the poster) always resolves to its request id.
 */
import { OPEN_STATES } from '../../../common/problem-workflow';
import type { Open311RequestDto, Open311UpdateDto } from '../../../common/contracts';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { authenticateKey } from '../integrations/authenticate-key';
import { rangeOf } from './datetime';
import { presentRequest, presentUpdate } from './presenter';
import { findJurisdiction, findToken, listPublicRequests, listUpdates } from './repository';

/** At most this many requests or updates per answer (the spec lets a server cap its lists). */
export const LIST_LIMIT = 1000;

export interface RequestsQuery {
  jurisdiction_id?: string;
  service_request_id?: string;
  service_code?: string;
  start_date?: string;
  end_date?: string;
  status?: string;
  api_key?: string;
}

/** The key id of an integrator reading with its api_key (a wrong key is a 403, as on POST), else null. */
async function readerKey(ctx: Ctx, apiKey: string | undefined): Promise<string | null> {
  if (!apiKey) return null;
  return (await authenticateKey(ctx.db, apiKey, ctx.clock.now())).keyId;
}

const split = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** The county a `jurisdiction_id` names (404 when none), or every county without one. */
export async function jurisdictionPath(ctx: Ctx, id: string | undefined): Promise<string | undefined> {
  if (!id) return undefined;
  const county = await findJurisdiction(ctx.db, id);
  if (!county) throw notFound(`jurisdiction_id ${id}`);
  return county.path;
}

/** GET requests: by id list (other filters ignored, as the spec says), else by service, status and date range. */
export async function readRequests(ctx: Ctx, q: RequestsQuery, base: string): Promise<Open311RequestDto[]> {
  const countyPath = await jurisdictionPath(ctx, q.jurisdiction_id);
  const codes = split(q.service_request_id);
  if (codes.length > 200) throw new AppError('validation', 'service_request_id 一次最多 200 个');
  if (codes.length) {
    const ownKeyId = await readerKey(ctx, q.api_key);
    const rows = await listPublicRequests(ctx.db, { codes, countyPath, limit: LIST_LIMIT, ownKeyId });
    return rows.map((r) => presentRequest(r, base));
  }
  const statuses = split(q.status);
  const wrong = statuses.filter((s) => s !== 'open' && s !== 'closed');
  if (wrong.length) throw new AppError('validation', `status 只能是 open 或 closed（多个用逗号分隔）：${wrong.join(', ')}`);
  const states = statuses.length === 1 ? (statuses[0] === 'open' ? [...OPEN_STATES] : ['closed', 'rejected']) : undefined;
  const { start, end } = rangeOf(q, ctx.clock.now());
  const rows = await listPublicRequests(ctx.db, {
    countyPath,
    serviceCodes: split(q.service_code),
    states,
    start,
    end,
    limit: LIST_LIMIT,
  });
  return rows.map((r) => presentRequest(r, base));
}

/** GET requests/{id}: one public request (or the caller's own, with its api_key), else 404. */
export async function readRequest(
  ctx: Ctx,
  code: string,
  q: { jurisdiction_id?: string; api_key?: string },
  base: string,
): Promise<Open311RequestDto[]> {
  const countyPath = await jurisdictionPath(ctx, q.jurisdiction_id);
  const ownKeyId = await readerKey(ctx, q.api_key);
  const rows = await listPublicRequests(ctx.db, { codes: [code], countyPath, limit: 1, ownKeyId });
  if (!rows.length) throw notFound(`service_request_id ${code}`);
  return rows.map((r) => presentRequest(r, base));
}

/** GET tokens/{token}: the request a token became. */
export async function readToken(ctx: Ctx, token: string) {
  const row = /^[0-9a-f-]{36}$/i.test(token) ? await findToken(ctx.db, token) : undefined;
  if (!row) throw notFound(`token ${token}`);
  return [{ service_request_id: row.code, token: row.token }];
}

/** GET servicerequestupdates: status changes of public requests in the range (90 days at most). */
export async function readUpdates(ctx: Ctx, q: RequestsQuery, base: string): Promise<Open311UpdateDto[]> {
  const countyPath = await jurisdictionPath(ctx, q.jurisdiction_id);
  const { start, end } = rangeOf(q, ctx.clock.now());
  const ownKeyId = await readerKey(ctx, q.api_key);
  const rows = await listUpdates(ctx.db, { countyPath, start, end, limit: LIST_LIMIT, ownKeyId });
  return rows.map((e) => presentUpdate(e, base));
}
