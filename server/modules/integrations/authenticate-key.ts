/**
 * Who is calling with an integrator key: the key's county and integrator, counted against its per-minute limit.
 * Used by Open311 POST and the 12345 intake API. Errors carry Open311's codes (403/429) through AppError.
 */
import type { Actor } from '../../platform/actor';
import { sha256 } from '../../platform/auth/passwords';
import type { Db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { useKey } from './repository';

export interface Integrator {
  keyId: string;
  integrator: string;
  countyId: string;
  countyPath: string;
  jurisdictionId: string;
}

/** The key's integrator, or a 403 (missing, unknown or revoked) or 429 (over its limit this minute). */
export async function authenticateKey(db: Db, key: string | undefined | null, now: Date): Promise<Integrator> {
  if (!key || !key.trim()) throw new AppError('forbidden', '缺少 api_key（对接密钥）');
  const row = await useKey(db, sha256(key.trim()), now);
  if (!row) throw new AppError('forbidden', 'api_key 无效或已吊销');
  if (row.window_count > row.rate_limit_per_minute)
    throw new AppError('rate_limited', `调用过于频繁：该密钥每分钟最多 ${row.rate_limit_per_minute} 次`);
  return {
    keyId: row.id,
    integrator: row.integrator,
    countyId: row.region_id,
    countyPath: row.region_path,
    jurisdictionId: row.region_code,
  };
}

/** The actor commands run as for an integrator: no account, named after the integrator (never the citizen). */
export function integratorActor(i: Integrator, kind: string): Actor {
  return {
    id: '',
    username: `integrator:${i.integrator}`,
    name: `${kind}（${i.integrator}）`,
    unitId: null,
    regionId: i.countyId,
    grants: [],
    mustChangePassword: false,
    isDemo: false,
    via: 'system',
  };
}
