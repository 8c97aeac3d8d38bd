/** Searching the audit trail. */
import { sql } from 'kysely';
import type { Db } from '../../platform/db';

export interface AuditFilter {
  actor?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  from?: Date;
  to?: Date;
}

function base(db: Db, f: AuditFilter) {
  let q = db.selectFrom('audit_events');
  if (f.actor) q = q.where('actor_name', 'like', `%${f.actor}%`);
  if (f.action) q = q.where('action', 'like', `${f.action}%`);
  if (f.subjectType) q = q.where('subject_type', '=', f.subjectType);
  if (f.subjectId) q = q.where('subject_id', '=', f.subjectId);
  if (f.from) q = q.where('occurred_at', '>=', f.from);
  if (f.to) q = q.where('occurred_at', '<', f.to);
  return q;
}

const COLUMNS = [
  'id',
  'occurred_at',
  'actor_id',
  'actor_name',
  'action',
  'subject_type',
  'subject_id',
  'before',
  'after',
  'ip',
  'user_agent',
] as const;

/** A page of events, newest first. */
export async function searchEvents(db: Db, f: AuditFilter, page: { limit: number; offset: number }) {
  const [items, total] = await Promise.all([
    base(db, f).select(COLUMNS).orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
    base(db, f)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

/** Events for export (capped so one export cannot exhaust memory). */
export function exportEvents(db: Db, f: AuditFilter, cap: number) {
  return base(db, f).select(COLUMNS).orderBy('id', 'desc').limit(cap).execute();
}
export type EventRow = Awaited<ReturnType<typeof exportEvents>>[number];
