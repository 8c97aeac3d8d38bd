/** Searching the audit trail. */
import { sql, type SqlBool } from 'kysely';
import { ROUND_KIND_LABELS } from '../../../common/inspections';
import { AUDIT_ACTION_LABELS, AUDIT_SUBJECT_TYPE_LABELS, auditActionLabel } from '../../../common/audit-labels';
import { PROBLEM_SEVERITY_LABELS, PROBLEM_SOURCE_LABELS, PROBLEM_STATE_LABELS } from '../../../common/problem-workflow';
import type { Db } from '../../platform/db';

export interface AuditFilter {
  actor?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  from?: Date;
  to?: Date;
  /** Free text in Chinese or codes: action and subject labels, the operator, the subject id, changed values. */
  q?: string;
}

const codesLabelled = (q: string, map: Record<string, string>) =>
  Object.entries(map)
    .filter(([code, label]) => label.includes(q) || code.includes(q))
    .map(([code]) => code);

/** Value codes whose labels match (暗访 → covert), looked for as JSON strings in the changes. */
const VALUE_MAPS = [PROBLEM_SOURCE_LABELS, ROUND_KIND_LABELS, PROBLEM_STATE_LABELS, PROBLEM_SEVERITY_LABELS];

/**
 * SQL for the free-text search: the action or subject type by code or Chinese label, the operator, the subject id,
 * text in the changes, or a value code whose label matches. "暗访" also finds every event about a covert round: the
 * round itself, its visits, photos and findings (by round id in the changes or the subject).
 */
function searchSql(q: string) {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const actions = [...Object.keys(AUDIT_ACTION_LABELS).filter((a) => auditActionLabel(a).includes(q) || a.includes(q))];
  const subjects = codesLabelled(q, AUDIT_SUBJECT_TYPE_LABELS);
  const values = [...new Set(VALUE_MAPS.flatMap((m) => codesLabelled(q, m)))].map((c) => `%"${c}"%`);
  const covert = '暗访组'.includes(q) || q.includes('暗访');
  const covertRounds = sql`(select id::text from inspection_rounds where is_covert)`;
  return sql<SqlBool>`(
    action like ${like} or actor_name like ${like} or subject_id = ${q}
    or coalesce(before::text, '') like ${like} or coalesce(after::text, '') like ${like}
    ${actions.length ? sql`or action = any(${actions}::text[])` : sql``}
    ${subjects.length ? sql`or subject_type = any(${subjects}::text[])` : sql``}
    ${values.length ? sql`or coalesce(after::text, '') like any(${values}::text[]) or coalesce(before::text, '') like any(${values}::text[])` : sql``}
    ${
      covert
        ? sql`or (subject_type = 'inspection_round' and subject_id in ${covertRounds})
      or (after->>'round_id') in ${covertRounds} or (after->>'roundId') in ${covertRounds}
      or (subject_type = 'problem' and subject_id in (select p.id::text from problems p join inspection_rounds r on r.id = p.round_id where r.is_covert))`
        : sql``
    }
  )`;
}

function base(db: Db, f: AuditFilter) {
  let q = db.selectFrom('audit_events');
  if (f.actor) q = q.where('actor_name', 'like', `%${f.actor}%`);
  if (f.action) q = q.where('action', 'like', `${f.action}%`);
  if (f.subjectType) q = q.where('subject_type', '=', f.subjectType);
  if (f.subjectId) q = q.where('subject_id', '=', f.subjectId);
  if (f.from) q = q.where('occurred_at', '>=', f.from);
  if (f.to) q = q.where('occurred_at', '<', f.to);
  if (f.q) q = q.where(searchSql(f.q));
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
