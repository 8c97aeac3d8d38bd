/**
 * Inserting a problem row with its first timeline entry and audit event: shared by reports (submit-problem.ts),
 * 回头看 relapses (reopen-problem.ts) and inspection findings (inspections/record-visit.ts).
 */
import { actorUserId } from '../../platform/actor';
import { recordEvent, type AuditInput } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { newId } from '../../platform/ids';
import { appendEvent, nextCode, type TimelineEntry } from './repository';

export interface NewProblemValues {
  clientId: string | null;
  description: string;
  categoryCode: string;
  source: string;
  severity: string;
  state: 'pending' | 'accepted' | 'dispatched';
  regionId: string;
  lat: number | null;
  lng: number | null;
  address: string | null;
  siteId: string | null;
  unitId?: string | null;
  deadline?: Date | null;
  relapsedFrom?: string | null;
  roundId?: string | null;
  standardId?: string | null;
}

/** A new problem's row as values (`id` given when other rows of the same write refer to it). */
export function problemRow(ctx: Ctx, v: NewProblemValues, code: string, id?: string) {
  const now = ctx.clock.now();
  return {
    ...(id ? { id } : {}),
    code,
    client_id: v.clientId,
    description: v.description,
    category_code: v.categoryCode,
    source: v.source,
    severity: v.severity,
    state: v.state,
    region_id: v.regionId,
    lat: v.lat,
    lng: v.lng,
    address: v.address,
    site_id: v.siteId,
    unit_id: v.unitId ?? null,
    deadline: v.deadline ?? null,
    dispatched_at: v.state === 'dispatched' ? now : null,
    first_dispatched_at: v.state === 'dispatched' ? now : null,
    relapsed_from: v.relapsedFrom ?? null,
    round_id: v.roundId ?? null,
    standard_id: v.standardId ?? null,
    accepted_at: v.state === 'pending' ? null : now,
    reporter_id: actorUserId(ctx.actor),
    reporter_name: ctx.actor.name,
    created_at: now,
    updated_at: now,
  };
}

/** The INSERT of a problem row (`id` given when other rows of the same batch refer to it). */
export function problemInsert(db: Tx, ctx: Ctx, v: NewProblemValues, code: string, id?: string) {
  return db.insertInto('problems').values(problemRow(ctx, v, code, id));
}

/** The first timeline entry of a new problem. */
export function firstTimelineEntry(ctx: Ctx, problemId: string, v: NewProblemValues): TimelineEntry {
  return {
    problemId,
    action: v.relapsedFrom ? 'relapse' : 'report',
    from: null,
    to: v.state,
    actorId: ctx.actor.id || null,
    actorName: ctx.actor.name,
    at: ctx.clock.now(),
    payload: v.relapsedFrom ? { relapsedFrom: v.relapsedFrom } : undefined,
    roundId: v.roundId ?? null,
  };
}

/**
 * Inserts a problem row, its timeline entry and (unless `auditLater`) its audit event; returns the id. A covert
 * finding numbers from its own sequence (AF…): taking a public WT code now would leave a gap that the inspected could
 * count; it gets its WT code at release (release-round.ts). A report does not come through here: it sends all its
 * rows in one statement (submit-problem.ts).
 */
export async function insertProblem(
  tx: Tx,
  ctx: Ctx,
  v: NewProblemValues,
  opts: { code?: string; auditLater?: boolean; covert?: boolean } = {},
): Promise<{ id: string; code: string }> {
  const code = opts.code ?? (await nextCode(tx, opts.covert ? COVERT_CODE_PREFIX : 'WT', v.regionId, ctx.clock.now()));
  const row = await problemInsert(tx, ctx, v, code, newId()).returning(['id', 'code']).executeTakeFirstOrThrow();
  await appendEvent(tx, firstTimelineEntry(ctx, row.id, v));
  if (!opts.auditLater) await auditReported(tx, ctx, row, v);
  return row;
}

/** The audit event of a new problem. */
export function auditReported(tx: Tx, ctx: Ctx, row: { id: string; code: string }, v: NewProblemValues) {
  return recordEvent(tx, ctx, reportedEvent(row, v));
}

/** What the audit trail records of a new problem. */
export function reportedEvent(row: { id: string; code: string }, v: NewProblemValues): AuditInput {
  return {
    action: 'problem.reported',
    subjectType: 'problem',
    subjectId: row.id,
    after: { code: row.code, category_code: v.categoryCode, source: v.source, severity: v.severity, region_id: v.regionId, state: v.state },
  };
}

/** The prefix of covert findings' codes before release. */
export const COVERT_CODE_PREFIX = 'AF';
