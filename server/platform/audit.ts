/**
 * Appends audit events. A writer only inserts the event (no lock, no hash); the sealer (`sealAudit`, a job every 2 s,
 * and before each verification or anchor) gives committed events their place in the hash chain (audit_chain).
 */
import { sql } from 'kysely';
import type { Ctx } from './context';
import type { Db, Tx } from './db';

export interface AuditInput {
  action: string;
  subjectType: string;
  subjectId: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

const SECRET_FIELDS = new Set(['password_hash', 'passwordHash', 'password', 'token_hash', 'csrf_token']);

function clean(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** Keeps only the fields that changed (both sides), with secrets masked. */
export function changedFields(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): { before: Record<string, unknown> | null; after: Record<string, unknown> | null } {
  const mask = (k: string, v: unknown) => (SECRET_FIELDS.has(k) ? '***' : clean(v));
  if (!before || !after) {
    const only = (o: Record<string, unknown> | null | undefined) =>
      o ? Object.fromEntries(Object.entries(o).map(([k, v]) => [k, mask(k, v)])) : null;
    return { before: only(before), after: only(after) };
  }
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === 'updated_at' || key === 'version') continue;
    const x = clean(before[key]);
    const y = clean(after[key]);
    if (JSON.stringify(x) !== JSON.stringify(y)) {
      b[key] = mask(key, x);
      a[key] = mask(key, y);
    }
  }
  return { before: b, after: a };
}

/** One audit event's row as values (its `before`/`after` as objects), for a statement over many rows. */
export function auditEventRow(ctx: Ctx, input: AuditInput) {
  const { before, after } = changedFields(input.before, input.after);
  return {
    occurred_at: ctx.clock.now(),
    actor_id: ctx.actor.via === 'system' || !ctx.actor.id ? null : ctx.actor.id,
    actor_name: ctx.actor.via === 'system' ? '系统' : ctx.actor.id ? `${ctx.actor.name}(${ctx.actor.username})` : '匿名',
    action: input.action,
    subject_type: input.subjectType,
    subject_id: input.subjectId,
    before,
    after,
    ip: ctx.meta.ip,
    user_agent: ctx.meta.userAgent,
  };
}

/** The INSERT of one audit event (for `recordEvent`). */
export function auditEventInsert(db: Db | Tx, ctx: Ctx, input: AuditInput) {
  const row = auditEventRow(ctx, input);
  return db.insertInto('audit_events').values({
    ...row,
    before: row.before ? JSON.stringify(row.before) : null,
    after: row.after ? JSON.stringify(row.after) : null,
  });
}

/** Records one event inside the caller's transaction (no lock: the sealer chains it after COMMIT). */
export async function recordEvent(tx: Tx, ctx: Ctx, input: AuditInput): Promise<void> {
  await auditEventInsert(tx, ctx, input).execute();
}

export interface ChainCheck {
  ok: boolean;
  /** Sealed events checked (the chain's length). */
  checked: number;
  /** The chain position (seq) of the first link that does not hold. */
  firstBadId: number | null;
  reason: string | null;
  /** Events written but not sealed yet (normally sealed within seconds); the oldest one's time. */
  unsealed: number;
  oldestUnsealedAt: Date | null;
}

/**
 * Gives committed events their place in the chain (audit_seal(), migration 20261203_0801): one sealer at a time
 * across all nodes; returns how many it sealed (0 when another sealer holds the turn).
 */
export async function sealAudit(db: Db | Tx, maxRows = 20000): Promise<number> {
  const { rows } = await sql<{ n: number }>`select audit_seal(${maxRows}) as n`.execute(db);
  return Number(rows[0].n);
}

/** Seals what is waiting (until the queue is empty or another sealer has the turn). */
export async function sealAll(db: Db | Tx): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await sealAudit(db);
    total += n;
    if (n < 20000) return total;
  }
}

/**
 * Events not yet in the chain: how many and since when; and how many of them are not even waiting for a seal (not in
 * audit_unsealed), with the first one's id — after a sealer run that can only mean a chain row was removed.
 */
export async function unsealedBacklog(
  db: Db | Tx,
): Promise<{ unsealed: number; oldestUnsealedAt: Date | null; orphaned: number; firstOrphanId: number | null }> {
  const { rows } = await sql<{ n: number; oldest: Date | null; orphaned: number; first_orphan: number | null }>`
    select count(*)::int as n, min(e.occurred_at) as oldest,
           (count(*) filter (where u.event_id is null))::int as orphaned, (min(e.id) filter (where u.event_id is null))::int8 as first_orphan
    from audit_events e left join audit_unsealed u on u.event_id = e.id
    where not exists (select 1 from audit_chain c where c.event_id = e.id)`.execute(db);
  const r = rows[0];
  return {
    unsealed: Number(r.n),
    oldestUnsealedAt: r.oldest ?? null,
    orphaned: Number(r.orphaned),
    firstOrphanId: r.first_orphan === null ? null : Number(r.first_orphan),
  };
}

/**
 * Walks the chain in seq order and names the first link that does not hold: a chain row removed (the next row's
 * previous hash no longer matches), an event changed (its hash no longer matches its content) or removed (the chain
 * points at nothing). Then reports the events that are not sealed yet (by default it seals first).
 */
export async function verifyAuditChain(db: Db | Tx, opts: { seal?: boolean } = {}): Promise<ChainCheck> {
  // Seal what is waiting first (unless told not to), so the check covers everything written so far.
  if (opts.seal !== false) await sealAll(db);
  let checked = 0;
  let previous = 'genesis';
  let lastSeq = 0;
  const batch = 5000;
  const fail = (seq: number, reason: string): ChainCheck => ({
    ok: false,
    checked,
    firstBadId: seq,
    reason,
    unsealed: 0,
    oldestUnsealedAt: null,
  });
  for (;;) {
    const { rows } = await sql<{ seq: number; event_id: number; prev_hash: string; hash: string; computed: string | null }>`
      select c.seq::int8 as seq, c.event_id::int8 as event_id, c.prev_hash, c.hash,
             case when e.id is null then null else audit_event_hash(e, c.seq, c.prev_hash) end as computed
      from audit_chain c left join audit_events e on e.id = c.event_id
      where c.seq > ${lastSeq} order by c.seq limit ${batch}`.execute(db);
    for (const row of rows) {
      const seq = Number(row.seq);
      if (row.prev_hash !== previous) return fail(seq, `第 ${seq} 条的前序哈希与上一条不符（其前有记录被删除或改动）`);
      if (row.computed === null) return fail(seq, `第 ${seq} 条的审计记录（id=${row.event_id}）已不存在（记录被删除）`);
      if (row.computed !== row.hash) return fail(seq, `第 ${seq} 条的内容与其哈希不符（记录被改动）`);
      previous = row.hash;
      lastSeq = seq;
      checked += 1;
    }
    if (rows.length < batch) {
      const { unsealed, oldestUnsealedAt, orphaned, firstOrphanId } = await unsealedBacklog(db);
      if (orphaned > 0) {
        return {
          ok: false,
          checked,
          firstBadId: null,
          reason: `有 ${orphaned} 条审计记录（最早 id=${firstOrphanId}）既不在审计链中，也不在待封存队列中（其链上记录被删除）`,
          unsealed,
          oldestUnsealedAt,
        };
      }
      return { ok: true, checked, firstBadId: null, reason: null, unsealed, oldestUnsealedAt };
    }
  }
}
