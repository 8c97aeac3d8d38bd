/**
 * Sign-in throttle: the 等保 rule (5 failed attempts → locked for 15 minutes), counted per subject and source
 * address. A subject is `user:<id>` for an existing account and `name:<typed name>` otherwise, so an unknown name
 * gets exactly the answers a real one gets, and a stranger elsewhere cannot lock the real user out.
 *
 * Why "reserve first": the attempt is counted by one atomic upsert BEFORE the password is checked. Parallel
 * guesses each get their own number, and the ones past the limit are refused without a password check at all
 * (the old read-modify-write let 40 parallel guesses end with a count of 1).
 *
 * Progressive: each lock in a row without a success lasts twice as long (15, 30, 60 … at most 24 h), and every
 * failed answer for a subject that many addresses are guessing at is slowed down (see `failureDelayMs`).
 */
import { sql } from 'kysely';
import type { Db, Tx } from '../db';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;
const MAX_LOCK_MINUTES = 24 * 60;
/** Failures older than this no longer count toward a lock. */
const WINDOW_MINUTES = 15;
const DELAY_STEP_MS = 200;
const MAX_DELAY_MS = 3000;

/** The throttle subject of an existing account. */
export const userSubject = (userId: string) => `user:${userId}`;
/** The throttle subject of a name that matches no account (lower-cased, so case variants share one count). */
export const nameSubject = (typed: string) => `name:${typed.trim().toLowerCase().slice(0, 64)}`;

export type Reservation = { status: 'locked'; lockedUntil: Date } | { status: 'ok'; attempt: number };

/** Counts one attempt atomically and says whether it may go on to the password check. */
export async function reserveAttempt(db: Db | Tx, subject: string, ip: string | null, now: Date): Promise<Reservation> {
  const windowStart = new Date(now.getTime() - WINDOW_MINUTES * 60_000);
  const row = await sql<{ attempts: number; locked_until: Date | null }>`
    insert into login_throttle as t (subject, ip, attempts, last_attempt_at)
    values (${subject}, ${ip ?? ''}, 1, ${now})
    on conflict (subject, ip) do update set
      attempts = case
        when t.locked_until > ${now} then t.attempts
        when t.locked_until is not null or t.last_attempt_at < ${windowStart} then 1
        else t.attempts + 1 end,
      locked_until = case when t.locked_until > ${now} then t.locked_until else null end,
      last_attempt_at = case when t.locked_until > ${now} then t.last_attempt_at else ${now} end
    returning attempts, locked_until`.execute(db);
  const { attempts, locked_until } = row.rows[0];
  if (locked_until && new Date(locked_until) > now) return { status: 'locked', lockedUntil: new Date(locked_until) };
  // Past the limit while earlier guesses are still being checked: refuse without checking, and lock.
  if (attempts > MAX_FAILED_ATTEMPTS) return { status: 'locked', lockedUntil: await lock(db, subject, ip, now) };
  return { status: 'ok', attempt: attempts };
}

/**
 * Records that the reserved attempt failed. Returns the lock end when this failure reached the limit
 * (or a parallel one already locked the pair), otherwise null.
 */
export async function recordFailure(db: Db | Tx, subject: string, ip: string | null, attempt: number, now: Date): Promise<Date | null> {
  if (attempt < MAX_FAILED_ATTEMPTS) return null;
  return lock(db, subject, ip, now);
}

/** A successful attempt clears the count (but never a lock a parallel failure has just set). */
export async function recordSuccess(db: Db | Tx, subject: string, ip: string | null, now: Date): Promise<void> {
  await db
    .updateTable('login_throttle')
    .set({ attempts: 0, lock_count: 0 })
    .where('subject', '=', subject)
    .where('ip', '=', ip ?? '')
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .execute();
}

async function lock(db: Db | Tx, subject: string, ip: string | null, now: Date): Promise<Date> {
  const minutes = sql<number>`least(${MAX_LOCK_MINUTES}, ${LOCK_MINUTES} * power(2, least(lock_count, 10)))`;
  const set = await db
    .updateTable('login_throttle')
    .set({
      locked_until: sql<Date>`${now}::timestamptz + make_interval(mins => (${minutes})::int)`,
      lock_count: (eb) => eb('lock_count', '+', 1),
    })
    .where('subject', '=', subject)
    .where('ip', '=', ip ?? '')
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning('locked_until')
    .executeTakeFirst();
  let until = set?.locked_until ?? null;
  if (!until) {
    const row = await db
      .selectFrom('login_throttle')
      .select('locked_until')
      .where('subject', '=', subject)
      .where('ip', '=', ip ?? '')
      .executeTakeFirst();
    until = row?.locked_until ?? new Date(now.getTime() + LOCK_MINUTES * 60_000);
  }
  const lockedUntil = new Date(until);
  if (subject.startsWith('user:')) {
    // users.locked_until mirrors "some address is locked out of this account" for lists and counters.
    await db
      .updateTable('users')
      .set({ locked_until: lockedUntil })
      .where('id', '=', subject.slice(5))
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', lockedUntil)]))
      .execute();
  }
  return lockedUntil;
}

/**
 * How long to hold back a failed answer: nothing for the first few failures of a subject, then 200 ms more per
 * recent failure from any address, at most 3 s. Slows guessing spread over many addresses without locking anyone.
 */
export async function failureDelayMs(db: Db | Tx, subject: string, now: Date): Promise<number> {
  const windowStart = new Date(now.getTime() - WINDOW_MINUTES * 60_000);
  const row = await db
    .selectFrom('login_throttle')
    .select(sql<number>`coalesce(sum(attempts), 0)::int`.as('n'))
    .where('subject', '=', subject)
    .where('last_attempt_at', '>', windowStart)
    .executeTakeFirstOrThrow();
  return Math.min(MAX_DELAY_MS, Math.max(0, row.n - (MAX_FAILED_ATTEMPTS - 2)) * DELAY_STEP_MS);
}

/** Lifts every lock and count of an account (the 安全管理员's 解锁, a password reset). */
export async function clearUserThrottle(db: Db | Tx, userId: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('subject', '=', userSubject(userId)).execute();
  await db.updateTable('users').set({ failed_attempts: 0, locked_until: null }).where('id', '=', userId).execute();
}

/** Lifts one (subject, address) lock. */
export async function clearThrottle(db: Db | Tx, subject: string, ip: string): Promise<boolean> {
  const res = await db.deleteFrom('login_throttle').where('subject', '=', subject).where('ip', '=', ip).executeTakeFirst();
  if (subject.startsWith('user:')) {
    const left = await db
      .selectFrom('login_throttle')
      .select(sql<Date | null>`max(locked_until)`.as('until'))
      .where('subject', '=', subject)
      .executeTakeFirst();
    await db
      .updateTable('users')
      .set({ locked_until: left?.until ?? null })
      .where('id', '=', subject.slice(5))
      .execute();
  }
  return Number(res.numDeletedRows) > 0;
}

/** Current locks (for the 安全管理员): one row per (subject, address). */
export function currentLocks(db: Db, now: Date) {
  return db
    .selectFrom('login_throttle as t')
    .leftJoin('users as u', (j) => j.on(sql<boolean>`t.subject = 'user:' || u.id::text`))
    .select([
      't.subject',
      't.ip',
      't.attempts',
      't.lock_count',
      't.locked_until',
      't.last_attempt_at',
      'u.id as user_id',
      'u.username',
      'u.name',
      'u.unit_id',
      'u.region_id',
    ])
    .where('t.locked_until', '>', now)
    .orderBy('t.locked_until', 'desc')
    .limit(500)
    .execute();
}

/** Waits (real time) before a failed answer goes out. */
export const sleep = (ms: number) => (ms > 0 ? new Promise<void>((r) => setTimeout(r, ms)) : Promise.resolve());
