/**
 * Inserting a problem row with its first timeline entry and audit event: shared by reports (submit-problem.ts),
 * 回头看 relapses (reopen-problem.ts) and inspection findings (inspections/record-visit.ts).
 */
import { actorUserId } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { appendEvent, nextCode } from './repository';

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

/**
 * Inserts a problem row, its timeline entry and (unless `auditLater`) its audit event; returns the id.
 * `code` may be taken beforehand with `nextCode(ctx.db, …)` so the month's counter row is not locked for
 * the whole transaction; a caller that passes `auditLater` writes the event with `auditReported` as its
 * last statement, so the audit chain's lock is held only until COMMIT.
 */
export async function insertProblem(
  tx: Tx,
  ctx: Ctx,
  v: NewProblemValues,
  opts: { code?: string; auditLater?: boolean; covert?: boolean } = {},
): Promise<{ id: string; code: string }> {
  const now = ctx.clock.now();
  // A covert finding numbers from its own sequence (AF…): taking a public WT code now would leave a gap that the
  // inspected could count. It gets its WT code at release (release-round.ts).
  const code = opts.code ?? (await nextCode(tx, opts.covert ? COVERT_CODE_PREFIX : 'WT', now));
  const row = await tx
    .insertInto('problems')
    .values({
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
    })
    .returning(['id', 'code'])
    .executeTakeFirstOrThrow();
  await appendEvent(tx, {
    problemId: row.id,
    action: v.relapsedFrom ? 'relapse' : 'report',
    from: null,
    to: v.state,
    actorId: ctx.actor.id || null,
    actorName: ctx.actor.name,
    at: now,
    payload: v.relapsedFrom ? { relapsedFrom: v.relapsedFrom } : undefined,
    roundId: v.roundId ?? null,
  });
  if (!opts.auditLater) await auditReported(tx, ctx, row, v);
  return row;
}

/** The audit event of a new problem. */
export function auditReported(tx: Tx, ctx: Ctx, row: { id: string; code: string }, v: NewProblemValues) {
  return recordEvent(tx, ctx, {
    action: 'problem.reported',
    subjectType: 'problem',
    subjectId: row.id,
    after: { code: row.code, category_code: v.categoryCode, source: v.source, severity: v.severity, region_id: v.regionId, state: v.state },
  });
}

/** The prefix of covert findings' codes before release. */
export const COVERT_CODE_PREFIX = 'AF';
