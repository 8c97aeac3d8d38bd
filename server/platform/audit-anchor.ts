/**
 * The audit chain's head, published outside the database. The hash chain (audit.ts) detects a changed or removed row
 * in the middle, but not the newest rows deleted, nor a chain rewritten from some row on by someone who can disable
 * the triggers. An anchor — { seq, hash, time } signed with HMAC-SHA256 under a key the database never sees — written
 * to DATA_DIR/audit-anchors/ every hour (job) and on `npm run audit:anchor` closes both: `audit:verify --against
 * <anchor>` fails when the chain is shorter than the anchor's seq (truncation) or the row at seq has another hash
 * (rewrite). Keep copies of the anchor files elsewhere (backup, mail) for the strongest guarantee.
 *
 * Key: AUDIT_ANCHOR_KEY (any string, ≥ 16 characters), or else DATA_DIR/audit-anchor.key (32 random bytes, created
 * on first use, mode 0600). Directory: AUDIT_ANCHOR_DIR, default DATA_DIR/audit-anchors.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from './config';
import { sealAll } from './audit';
import type { Db, Tx } from './db';

export interface AuditAnchor {
  version: 1;
  /** Chain position (seq) of the newest sealed audit event at anchoring time; 0 when the trail was empty. */
  seq: number;
  /** That event's chain hash ('genesis' for an empty trail). */
  hash: string;
  /** When the anchor was made (ISO). */
  anchoredAt: string;
  /** HMAC-SHA256 over `v1|seq|hash|anchoredAt`, hex. */
  signature: string;
}

export interface AnchorCheck {
  ok: boolean;
  reason: string | null;
}

/** Where anchors are written. */
export function anchorDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.AUDIT_ANCHOR_DIR ?? path.join(loadConfig(env).dataDir, 'audit-anchors'));
}

/** The signing key: AUDIT_ANCHOR_KEY, or a random key kept in DATA_DIR (created on first use). */
export function anchorKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  if (env.AUDIT_ANCHOR_KEY) {
    if (env.AUDIT_ANCHOR_KEY.length < 16) throw new Error('AUDIT_ANCHOR_KEY 至少 16 个字符');
    return Buffer.from(env.AUDIT_ANCHOR_KEY, 'utf8');
  }
  const file = path.join(loadConfig(env).dataDir, 'audit-anchor.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'utf8');
}

const payload = (a: Pick<AuditAnchor, 'seq' | 'hash' | 'anchoredAt'>) => `v1|${a.seq}|${a.hash}|${a.anchoredAt}`;
const hmac = (key: Buffer, text: string) => crypto.createHmac('sha256', key).update(text).digest('hex');

/** The sealed chain's head: its last position (seq) and hash. */
export async function chainHead(db: Db | Tx): Promise<{ seq: number; hash: string }> {
  const { rows } = await sql<{
    seq: number;
    hash: string;
  }>`select seq::int8 as seq, hash from audit_chain order by seq desc limit 1`.execute(db);
  return rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash } : { seq: 0, hash: 'genesis' };
}

/** Signs a head. */
export function signAnchor(head: { seq: number; hash: string }, key: Buffer, now: Date): AuditAnchor {
  const base = { seq: head.seq, hash: head.hash, anchoredAt: now.toISOString() };
  return { version: 1, ...base, signature: hmac(key, payload(base)) };
}

/** Whether the anchor was signed with this key (constant-time comparison). */
export function anchorSignatureValid(anchor: AuditAnchor, key: Buffer): boolean {
  if (anchor?.version !== 1 || typeof anchor.signature !== 'string' || !/^[0-9a-f]{64}$/.test(anchor.signature)) return false;
  return crypto.timingSafeEqual(Buffer.from(hmac(key, payload(anchor)), 'hex'), Buffer.from(anchor.signature, 'hex'));
}

/** Writes the current head as a signed anchor file; returns it and its path. */
export async function writeAnchor(
  db: Db | Tx,
  opts: { dir?: string; key?: Buffer; now?: Date } = {},
): Promise<{ anchor: AuditAnchor; file: string }> {
  const dir = opts.dir ?? anchorDir();
  await sealAll(db); // anchor what has been written, not only what the last sealer run saw
  const anchor = signAnchor(await chainHead(db), opts.key ?? anchorKey(), opts.now ?? new Date());
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${anchor.anchoredAt.replace(/[:.]/g, '-')}-seq${anchor.seq}.json`);
  // Temp file + rename: a reader never sees half an anchor.
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(anchor, null, 2) + '\n', { mode: 0o644 });
  fs.renameSync(`${file}.tmp`, file);
  return { anchor, file };
}

/** Reads an anchor file (throws with a Chinese message when it is not one). */
export function readAnchor(file: string): AuditAnchor {
  try {
    const a = JSON.parse(fs.readFileSync(file, 'utf8')) as AuditAnchor;
    if (a.version !== 1 || !Number.isInteger(a.seq) || typeof a.hash !== 'string') throw new Error('shape');
    return a;
  } catch {
    throw new Error(`无法读取审计锚点文件：${file}`);
  }
}

/** The newest anchor in the directory (by its time), or null. */
export function latestAnchor(dir = anchorDir()): { anchor: AuditAnchor; file: string } | null {
  if (!fs.existsSync(dir)) return null;
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  for (let i = files.length - 1; i >= 0; i -= 1) {
    const file = path.join(dir, files[i]);
    try {
      return { anchor: readAnchor(file), file };
    } catch {
      // skip a damaged file; an older anchor still says something
    }
  }
  return null;
}

/** Checks the database against an anchor: signature, then that the row at `seq` exists with the anchored hash. */
export async function verifyAgainstAnchor(db: Db | Tx, anchor: AuditAnchor, key: Buffer): Promise<AnchorCheck> {
  if (!anchorSignatureValid(anchor, key)) return { ok: false, reason: '锚点签名无效（锚点文件被改动，或签名密钥不同）' };
  if (anchor.seq === 0) return { ok: true, reason: null };
  const head = await chainHead(db);
  if (head.seq < anchor.seq) {
    return {
      ok: false,
      reason: `审计链比锚点短：锚点（${anchor.anchoredAt}）记录到第 ${anchor.seq} 条，数据库中只到第 ${head.seq} 条（最新的记录被删除）`,
    };
  }
  const { rows } = await sql<{ hash: string }>`select hash from audit_chain where seq = ${anchor.seq}`.execute(db);
  if (!rows[0]) return { ok: false, reason: `锚点记录的第 ${anchor.seq} 条在数据库中不存在（记录被删除）` };
  if (rows[0].hash !== anchor.hash) {
    return { ok: false, reason: `第 ${anchor.seq} 条的哈希与锚点（${anchor.anchoredAt}）不符：该条或其之前的记录被改写` };
  }
  return { ok: true, reason: null };
}
