/**
 * The offline proof-of-work challenge (ALTCHA's scheme, no third-party service): the server picks a secret number n
 * in 0…maxnumber and a random salt and hands out SHA-256(salt + n); the browser finds n by trying numbers (Web
 * Crypto), which costs a phone about a second and a bulk sender that second per report. Challenges are stored, so one
 * is accepted once (a replay is refused) and only before it expires, on any node.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import type { Db, Tx } from '../../platform/db';
import { AppError } from '../../platform/errors';

/** How many numbers a browser may have to try (half on average); PUBLIC_CHALLENGE_MAX tunes it. */
export const CHALLENGE_MAX = Number(process.env.PUBLIC_CHALLENGE_MAX ?? 50_000);
/** A challenge must be answered within 10 minutes. */
export const CHALLENGE_TTL_MS = 10 * 60 * 1000;

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/** Issues and stores a challenge. */
export async function issueChallenge(ctx: Ctx) {
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + CHALLENGE_TTL_MS);
  const salt = `${crypto.randomBytes(12).toString('hex')}?expires=${Math.floor(expiresAt.getTime() / 1000)}`;
  const number = crypto.randomInt(0, CHALLENGE_MAX + 1);
  const challenge = sha256(`${salt}${number}`);
  await sql`insert into public_challenges (salt, challenge, expires_at) values (${salt}, ${challenge}, ${expiresAt})`.execute(ctx.db);
  // Expired challenges are dropped as new ones are issued.
  if (Math.random() < 0.05)
    await sql`delete from public_challenges where expires_at < ${new Date(now.getTime() - 3_600_000)}`.execute(ctx.db);
  return { algorithm: 'SHA-256' as const, challenge, salt, maxnumber: CHALLENGE_MAX, expiresAt };
}

/** Checks a solution and spends its challenge (once, before expiry), in the caller's transaction. */
export async function spendChallenge(db: Db | Tx, now: Date, proof: { challenge: string; salt: string; number: number }): Promise<void> {
  if (proof.number > CHALLENGE_MAX || sha256(`${proof.salt}${proof.number}`) !== proof.challenge) {
    throw new AppError('validation', '人机验证未通过，请重试');
  }
  const r = await sql<{ id: string }>`
    update public_challenges set spent_at = ${now}
    where challenge = ${proof.challenge} and salt = ${proof.salt} and spent_at is null and expires_at > ${now}
    returning id`.execute(db);
  if (r.rows.length === 0) throw new AppError('validation', '人机验证已失效或已使用，请重新提交');
}

/** Solves a challenge by trying every number (tests and scripts; the browser does the same with Web Crypto). */
export function solveChallenge(c: { challenge: string; salt: string; maxnumber: number }): number {
  for (let n = 0; n <= c.maxnumber; n++) if (sha256(`${c.salt}${n}`) === c.challenge) return n;
  throw new Error('challenge has no solution');
}
