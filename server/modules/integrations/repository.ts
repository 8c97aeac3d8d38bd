/** SQL for integrator keys and the public interface settings. */
import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db';

export const KEY_COLUMNS = [
  'k.id',
  'k.integrator',
  'k.region_id',
  'k.key_prefix',
  'k.note',
  'k.rate_limit_per_minute',
  'k.created_at',
  'k.last_used_at',
  'k.revoked_at',
  'k.version',
  'r.name as region_name',
  'r.code as region_code',
  'r.path as region_path',
  'u.name as created_by_name',
] as const;

/** Keys, newest first (revoked ones after the live ones). */
export function listKeys(db: Db, f: { regionId?: string; revoked?: boolean; page: number; pageSize: number }) {
  let q = db
    .selectFrom('integration_keys as k')
    .innerJoin('regions as r', 'r.id', 'k.region_id')
    .leftJoin('users as u', 'u.id', 'k.created_by');
  if (f.regionId) q = q.where('k.region_id', '=', f.regionId);
  if (f.revoked === true) q = q.where('k.revoked_at', 'is not', null);
  if (f.revoked === false) q = q.where('k.revoked_at', 'is', null);
  return Promise.all([
    q
      .select(KEY_COLUMNS)
      .orderBy(sql`k.revoked_at is not null`)
      .orderBy('k.created_at', 'desc')
      .orderBy('k.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
}

/** One key by id. */
export function findKey(db: Db | Tx, id: string) {
  return db
    .selectFrom('integration_keys as k')
    .innerJoin('regions as r', 'r.id', 'k.region_id')
    .leftJoin('users as u', 'u.id', 'k.created_by')
    .select(KEY_COLUMNS)
    .where('k.id', '=', id)
    .executeTakeFirst();
}

export type KeyRow = NonNullable<Awaited<ReturnType<typeof findKey>>>;

/**
 * The live key with this hash, counted against its per-minute limit in the same statement (a fixed one-minute
 * window on the key row, so every node counts the same). Answers the count after this request, or nothing.
 */
export async function useKey(db: Db, hash: string, now: Date) {
  const r = await sql<{
    id: string;
    integrator: string;
    region_id: string;
    region_path: string;
    region_code: string;
    window_count: number;
    rate_limit_per_minute: number;
  }>`
    update integration_keys k set
      window_start = case when k.window_start is null or k.window_start <= ${now}::timestamptz - interval '1 minute' then ${now}::timestamptz else k.window_start end,
      window_count = case when k.window_start is null or k.window_start <= ${now}::timestamptz - interval '1 minute' then 1 else k.window_count + 1 end,
      last_used_at = ${now}
    from regions r
    where k.key_hash = ${hash} and k.revoked_at is null and r.id = k.region_id
    returning k.id, k.integrator, k.region_id, r.path as region_path, r.code as region_code, k.window_count, k.rate_limit_per_minute`.execute(
    db,
  );
  return r.rows[0] ?? null;
}

/** The public interface settings that apply in a region: its own row or the nearest ancestor's. */
export async function nearestSettings(db: Db | Tx, regionPath: string) {
  return db
    .selectFrom('public_interface_settings as s')
    .innerJoin('regions as r', 'r.id', 's.region_id')
    .select(['s.region_id', 's.public_sources', 's.hotline_callback_url', 's.version'])
    .where(sql<boolean>`${regionPath} like r.path || '%'`)
    .orderBy(sql`length(r.path)`, 'desc')
    .limit(1)
    .executeTakeFirst();
}
