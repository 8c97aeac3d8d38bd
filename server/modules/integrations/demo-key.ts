/**
 * The demo county's integrator key for the integrator `demo` (Open311 POST, 12345 intake). Like the demo password it
 * is a fixed, published value — only on the demo database; a real deployment's keys are issued by its 安全管理员.
 */
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { insertKey } from './issue-key';

export const DEMO_INTEGRATOR_KEY = 'ck_demo_139901_open311_key';

/** Issues the demo key for the county; answers the key. */
export async function seedDemoIntegratorKey(tx: Tx, ctx: Ctx, countyId: string): Promise<string> {
  const { key } = await insertKey(
    tx,
    ctx,
    { integrator: 'demo', regionId: countyId, note: '演示对接密钥（公开值，仅演示库）', rateLimitPerMinute: 120 },
    DEMO_INTEGRATOR_KEY,
  );
  return key;
}
