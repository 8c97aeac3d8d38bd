/**
 * Rate limits of the public door, per source address and per device (and per phone for codes): each counted request
 * is a row in public_rate_events; a request over the limit is refused with 429 and counts nothing. Addresses are kept
 * only as keyed hashes. Limits are data here, one place.
 */
import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { keyedHash } from './hash-key';

/** [requests, window in seconds] per bucket and key kind. */
export const PUBLIC_LIMITS = {
  challenge: { ip: [120, 3600] },
  upload: { ip: [40, 3600], device: [20, 3600] },
  report: { ip: [10, 3600], device: [5, 3600] },
  phoneCode: { ip: [10, 3600], phone: [1, 60] },
  rating: { ip: [30, 3600] },
  // 问卷调查's public link (server/modules/surveys/public-record-response.ts): one answer per device and wave anyway.
  survey: { ip: [20, 3600], device: [10, 3600] },
  // 志愿者注册 (server/modules/volunteers/register-volunteer.ts): an account per phone anyway.
  volunteer: { ip: [10, 3600], device: [5, 3600] },
  // 志愿服务证明查验 by code (codes are unguessable; this keeps anyone from trying many).
  certificate: { ip: [60, 3600] },
  // 志愿活动签到 by six typed digits (server/modules/volunteers/check-in.ts), keyed by the signed-in volunteer.
  checkinManual: { device: [10, 600] },
  // 好人之城's public door (server/modules/honours): nominations; votes (one per person, candidate and day anyway —
  // the address limit is loose so a school's or a village's shared network can vote; bursts are flagged, not refused).
  honourNomination: { ip: [10, 3600], device: [5, 3600] },
  honourVote: { ip: [300, 3600], device: [60, 3600] },
} as const satisfies Record<string, Partial<Record<'ip' | 'device' | 'phone', readonly [number, number]>>>;

const WHAT: Record<keyof typeof PUBLIC_LIMITS, string> = {
  challenge: '验证请求',
  upload: '上传照片',
  report: '提交随手拍',
  phoneCode: '获取验证码',
  rating: '评价',
  survey: '提交问卷',
  volunteer: '注册志愿者',
  certificate: '查验证明',
  checkinManual: '手动输入签到码',
  honourNomination: '推荐好人',
  honourVote: '投票',
};

/** A keyed one-way hash of an address, device or phone, so the table holds nothing identifying (hash-key.ts). */
export function keyHash(kind: string, value: string): string {
  return keyedHash(`cc-public:${kind}:${value}`);
}

function waitText(seconds: number): string {
  return seconds >= 3600 ? `${Math.round(seconds / 3600)} 小时` : seconds >= 60 ? `${Math.round(seconds / 60)} 分钟` : `${seconds} 秒`;
}

/**
 * Counts one request of `bucket` for each key given, or throws 429 when any is over its limit (nothing counted then
 * for that key). One statement per key: the count and the insert together.
 */
export async function takeRateLimit(
  db: Db | Tx,
  bucket: keyof typeof PUBLIC_LIMITS,
  keys: Partial<Record<'ip' | 'device' | 'phone', string | null | undefined>>,
  now: Date,
): Promise<void> {
  const limits = PUBLIC_LIMITS[bucket] as Partial<Record<'ip' | 'device' | 'phone', readonly [number, number]>>;
  for (const kind of ['ip', 'device', 'phone'] as const) {
    const value = keys[kind];
    const limit = limits[kind];
    if (!value || !limit) continue;
    const [max, windowSeconds] = limit;
    const hash = keyHash(kind, value);
    const since = new Date(now.getTime() - windowSeconds * 1000);
    const r = await sql<{ id: string }>`
      insert into public_rate_events (bucket, key_hash, at)
      select ${bucket}, ${hash}, ${now}
      where (select count(*) from public_rate_events where bucket = ${bucket} and key_hash = ${hash} and at > ${since}) < ${max}
      returning id`.execute(db);
    if (r.rows.length === 0) {
      const who = kind === 'ip' ? '同一网络' : kind === 'device' ? '同一设备' : '同一手机号';
      throw new AppError('rate_limited', `${who}${WHAT[bucket]}过于频繁，请 ${waitText(windowSeconds)}后再试`, {
        retryAfterSeconds: windowSeconds,
      });
    }
  }
  // Old rows go as new ones come (a day is longer than every window).
  if (Math.random() < 0.05) await sql`delete from public_rate_events where at < ${new Date(now.getTime() - 86_400_000)}`.execute(db);
}
