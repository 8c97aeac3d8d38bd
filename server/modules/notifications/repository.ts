/** The bell's queries: a person's own notices, their unread count, marking read. */
import { sql } from 'kysely';
import type { Db } from '../../platform/db';

/** One page of the person's notices (newest first), the matching total and their unread count. */
export async function listMyNotifications(db: Db, userId: string, page: { limit: number; offset: number; unreadOnly: boolean }) {
  let q = db.selectFrom('notifications').where('user_id', '=', userId);
  if (page.unreadOnly) q = q.where('read_at', 'is', null);
  const [items, total, unread] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').limit(page.limit).offset(page.offset).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom('notifications')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n, unread: unread.n };
}

/** Marks one of the person's notices read; false when it is not theirs (or does not exist). */
export async function markNotificationRead(db: Db, userId: string, id: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returning('id')
    .executeTakeFirst();
  return !!r;
}

/** Marks all of the person's unread notices read. */
export async function markAllNotificationsRead(db: Db, userId: string, now: Date): Promise<void> {
  await db.updateTable('notifications').set({ read_at: now }).where('user_id', '=', userId).where('read_at', 'is', null).execute();
}
