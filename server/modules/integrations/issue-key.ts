/** 签发对接密钥: the 安全管理员 issues a key for a named integrator and one county; the value is answered once. */
import type { IntegrationKeyInput } from '../../../common/contracts';
import { actorUserId } from '../../platform/actor';
import { randomToken, sha256 } from '../../platform/auth/passwords';
import { recordEvent } from '../../platform/audit';
import { inTransaction, type Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { findKey } from './repository';

/** Keys start with this, so a leaked one is recognisable (secret scanners, logs). */
export const INTEGRATION_KEY_PREFIX = 'ck_';

/** Makes a key value and what is stored for it. */
export function newIntegrationKey(): { key: string; hash: string; prefix: string } {
  const key = INTEGRATION_KEY_PREFIX + randomToken(24);
  return { key, hash: sha256(key), prefix: key.slice(0, 9) };
}

/** Issues a key; answers its value (shown once) and the stored row. */
export async function issueKey(ctx: Ctx, input: IntegrationKeyInput) {
  authorize(ctx.actor, 'integrations.keys');
  return inTransaction(ctx, (tx) => insertKey(tx, ctx, input));
}

/** The INSERT and audit event of a key (also used by the demo seed with a fixed value). */
export async function insertKey(tx: Tx, ctx: Ctx, input: IntegrationKeyInput, value?: string) {
  const county = await tx.selectFrom('regions').select(['id', 'level']).where('id', '=', input.regionId).executeTakeFirst();
  if (!county) throw new AppError('validation', '所选区域不存在');
  if (county.level !== 'county') throw new AppError('validation', '对接密钥须限定在一个县（市、区）');
  const made = value ? { key: value, hash: sha256(value), prefix: value.slice(0, 9) } : newIntegrationKey();
  const row = await tx
    .insertInto('integration_keys')
    .values({
      integrator: input.integrator.trim(),
      region_id: county.id,
      key_hash: made.hash,
      key_prefix: made.prefix,
      note: input.note ?? null,
      rate_limit_per_minute: input.rateLimitPerMinute ?? 60,
      created_by: actorUserId(ctx.actor),
      created_at: ctx.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordEvent(tx, ctx, {
    action: 'integration_key.issued',
    subjectType: 'integration_key',
    subjectId: row.id,
    after: {
      integrator: input.integrator,
      region_id: county.id,
      key_prefix: made.prefix,
      rate_limit_per_minute: input.rateLimitPerMinute ?? 60,
    },
  });
  return { key: made.key, row: (await findKey(tx, row.id))! };
}
