/** Audit rows → API shape: changed fields as [before, after] pairs. */
import type { EventRow } from './repository';

/** `{ field: [before, after] }` from the stored before/after objects. */
export function changesOf(e: Pick<EventRow, 'before' | 'after'>): Record<string, [unknown, unknown]> {
  const before = (e.before ?? {}) as Record<string, unknown>;
  const after = (e.after ?? {}) as Record<string, unknown>;
  const out: Record<string, [unknown, unknown]> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) out[k] = [before[k] ?? null, after[k] ?? null];
  return out;
}

/** An event as the API shows it. */
export function presentEvent(e: EventRow) {
  return {
    id: Number(e.id),
    occurredAt: e.occurred_at,
    actorId: e.actor_id,
    actorName: e.actor_name,
    action: e.action,
    subjectType: e.subject_type,
    subjectId: e.subject_id,
    changes: changesOf(e),
    ip: e.ip,
    userAgent: e.user_agent,
  };
}
