/** Integrator key rows → API shape (never the key or its hash). */
import type { z } from 'zod';
import type { integrationKeyResponse } from '../../../common/contracts';
import type { Actor } from '../../platform/actor';
import { can } from '../../platform/policy';
import type { KeyRow } from './repository';

/** A key as listed. */
export function presentKey(k: KeyRow, actor: Actor): z.output<typeof integrationKeyResponse> {
  return {
    id: k.id,
    integrator: k.integrator,
    regionId: k.region_id,
    regionName: k.region_name,
    jurisdictionId: k.region_code,
    prefix: k.key_prefix,
    note: k.note,
    rateLimitPerMinute: k.rate_limit_per_minute,
    createdAt: k.created_at,
    createdByName: k.created_by_name,
    lastUsedAt: k.last_used_at,
    revokedAt: k.revoked_at,
    version: k.version,
    abilities: { revoke: !k.revoked_at && can(actor, 'integrations.keys', { regionPath: k.region_path }) },
  };
}
