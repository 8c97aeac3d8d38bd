/** 吊销对接密钥: a revoked key is refused at once (every request looks the key up). */
import { actorUserId } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import { inTransaction, type Ctx } from '../../platform/context';
import { AppError, notFound, versionConflict } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { findKey } from './repository';

/** Revokes a key (version-guarded); a key already revoked answers 409. */
export async function revokeKey(ctx: Ctx, id: string, version: number) {
  return inTransaction(ctx, async (tx) => {
    const k = await findKey(tx, id);
    if (!k) throw notFound('对接密钥');
    authorize(ctx.actor, 'integrations.keys', { regionPath: k.region_path });
    if (k.revoked_at) throw new AppError('conflict', '该密钥已吊销');
    const now = ctx.clock.now();
    const res = await tx
      .updateTable('integration_keys')
      .set({ revoked_at: now, revoked_by: actorUserId(ctx.actor), version: k.version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw versionConflict();
    await recordEvent(tx, ctx, {
      action: 'integration_key.revoked',
      subjectType: 'integration_key',
      subjectId: id,
      before: { revoked_at: null },
      after: { revoked_at: now, integrator: k.integrator, key_prefix: k.key_prefix },
    });
    return (await findKey(tx, id))!;
  });
}
