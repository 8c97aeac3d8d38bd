/** Writes notifications (the bell) for people found by their role on a unit or region. */
import { sql } from 'kysely';
import type { Tx } from '../../platform/db';

export interface Notice {
  kind: 'dispatched' | 'deadline_tomorrow' | 'returned' | 'overdue' | 'supervised' | 'escalated' | 'reported' | 'extension' | 'verified';
  title: string;
  body?: string;
  link?: string;
  problemId?: string;
}

/** Sends a notice to the given users (duplicates removed). */
export async function notifyUsers(tx: Tx, userIds: Array<string | null | undefined>, n: Notice, now: Date): Promise<number> {
  const ids = [...new Set(userIds.filter((x): x is string => !!x))];
  if (!ids.length) return 0;
  await tx
    .insertInto('notifications')
    .values(ids.map((user_id) => ({ user_id, kind: n.kind, title: n.title, body: n.body ?? null, link: n.link ?? null, problem_id: n.problemId ?? null, created_at: now })))
    .execute();
  return ids.length;
}

/** Active users holding one of the roles on the unit (e.g. the unit head and liaisons). */
export async function unitPeople(tx: Tx, unitId: string, roles: string[]): Promise<string[]> {
  const rows = await tx
    .selectFrom('user_roles as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select('u.id')
    .where('g.scope_type', '=', 'unit')
    .where('g.scope_id', '=', unitId)
    .where('g.role', 'in', roles)
    .where('u.active', '=', true)
    .execute();
  return rows.map((r) => r.id);
}

/** Active users holding one of the roles with a region scope that covers the region path. */
export async function regionPeople(tx: Tx, regionPath: string, roles: string[]): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    select distinct u.id from user_roles g
    join users u on u.id = g.user_id and u.active
    join regions r on r.id = g.scope_id
    where g.scope_type = 'region' and g.role = any(${roles}::text[]) and ${regionPath} like r.path || '%'`.execute(tx);
  return rows.rows.map((r) => r.id);
}

/** Leaders linked to the unit through a leading group (结对联创), with a user account. */
export async function linkedLeaders(tx: Tx, unitId: string): Promise<Array<{ id: string; name: string }>> {
  return tx
    .selectFrom('leading_group_unit_links as l')
    .innerJoin('leading_group_members as m', 'm.id', 'l.member_id')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'm.name'])
    .where('l.unit_id', '=', unitId)
    .where('u.active', '=', true)
    .execute();
}
