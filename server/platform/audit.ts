/** Appends audit events (the chain and hash are made by the database trigger). */
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

/** Records one event inside the caller's transaction. */
export async function recordEvent(tx: Tx, ctx: Ctx, input: AuditInput): Promise<void> {
  const { before, after } = changedFields(input.before, input.after);
  await tx
    .insertInto('audit_events')
    .values({
      occurred_at: ctx.clock.now(),
      actor_id: ctx.actor.via === 'system' || !ctx.actor.id ? null : ctx.actor.id,
      actor_name: ctx.actor.via === 'system' ? '系统' : ctx.actor.id ? `${ctx.actor.name}(${ctx.actor.username})` : '匿名',
      action: input.action,
      subject_type: input.subjectType,
      subject_id: input.subjectId,
      before: before ? JSON.stringify(before) : null,
      after: after ? JSON.stringify(after) : null,
      ip: ctx.meta.ip,
      user_agent: ctx.meta.userAgent,
    })
    .execute();
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  firstBadId: number | null;
  reason: string | null;
}

/** Walks the chain in id order; names the first row whose hash or link does not hold. */
export async function verifyAuditChain(db: Db | Tx): Promise<ChainCheck> {
  let checked = 0;
  let previous = 'genesis';
  let lastId = 0;
  const batch = 5000;
  for (;;) {
    const { rows } = await sql<{ id: number; prev_hash: string; hash: string; computed: string }>`
      select e.id::int8 as id, e.prev_hash, e.hash, audit_row_hash(e) as computed
      from audit_events e where e.id > ${lastId} order by e.id limit ${batch}`.execute(db);
    for (const row of rows) {
      if (row.prev_hash !== previous) {
        return { ok: false, checked, firstBadId: row.id, reason: `第 ${row.id} 条的前序哈希与上一条不符（其前有记录被删除或改动）` };
      }
      if (row.computed !== row.hash) {
        return { ok: false, checked, firstBadId: row.id, reason: `第 ${row.id} 条的内容与其哈希不符（记录被改动）` };
      }
      previous = row.hash;
      lastId = row.id;
      checked += 1;
    }
    if (rows.length < batch) return { ok: true, checked, firstBadId: null, reason: null };
  }
}
