/**
 * Phone verification for a report: a 6-digit code sent through the SMS outbox (platform/outbox.ts: the pluggable
 * transport; the default writes the message to the log), valid 10 minutes, 5 tries, one a minute per phone. The code
 * is stored hashed; the report carries it and marks the phone verified.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { deliverPending, maskPhone, queueSms, type MessageTransport } from '../../platform/outbox';
import { keyedHash } from './hash-key';
import { takeRateLimit } from './rate-limit';

export const PHONE_CODE_TTL_SECONDS = 600;
const MAX_ATTEMPTS = 5;

const codeHash = (phone: string, code: string) => keyedHash(`cc-phone:${phone}:${code}`);

/** Sends a code to the phone (after commit, through the outbox transport). */
export async function sendPhoneCode(ctx: Ctx, outbox: MessageTransport, input: { phone: string; deviceId: string }) {
  const now = ctx.clock.now();
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
  await ctx.db.transaction().execute(async (tx) => {
    await takeRateLimit(tx, 'phoneCode', { ip: ctx.meta.ip, phone: input.phone }, now);
    await sql`update public_phone_codes set used_at = ${now} where phone = ${input.phone} and used_at is null`.execute(tx);
    await sql`insert into public_phone_codes (phone, code_hash, expires_at, created_at)
      values (${input.phone}, ${codeHash(input.phone, code)}, ${new Date(now.getTime() + PHONE_CODE_TTL_SECONDS * 1000)}, ${now})`.execute(
      tx,
    );
    await queueSms(tx, {
      recipient: input.phone,
      userId: null,
      purpose: 'public_phone_code',
      body: `【创城】您的随手拍验证码为 ${code}，${PHONE_CODE_TTL_SECONDS / 60} 分钟内有效。如非本人操作，请忽略本短信。`,
      now,
    });
  });
  await deliverPending(ctx.db, outbox, now);
  return { sentTo: maskPhone(input.phone), expiresInSeconds: PHONE_CODE_TTL_SECONDS };
}

/**
 * Checks a phone's code inside the report's transaction and uses it up. A wrong code answers the code row's id: the
 * caller fails the report and then counts the attempt (`countWrongCode`) outside the rolled-back transaction.
 */
export async function usePhoneCode(tx: Tx, now: Date, phone: string, code: string): Promise<{ wrongCodeId: string } | null> {
  const r = await sql<{ id: string; code_hash: string; attempts: number }>`select id, code_hash, attempts from public_phone_codes
    where phone = ${phone} and used_at is null and expires_at > ${now} order by created_at desc limit 1 for update`.execute(tx);
  const row = r.rows[0];
  if (!row || row.attempts >= MAX_ATTEMPTS) throw new AppError('validation', '短信验证码已失效，请重新获取');
  if (row.code_hash !== codeHash(phone, code)) return { wrongCodeId: row.id };
  await sql`update public_phone_codes set used_at = ${now} where id = ${row.id}`.execute(tx);
  return null;
}

/** Counts a wrong code against its row (after the failed report rolled back). */
export async function countWrongCode(db: Ctx['db'], attemptId: string): Promise<void> {
  await sql`update public_phone_codes set attempts = attempts + 1 where id = ${attemptId}`.execute(db);
}
