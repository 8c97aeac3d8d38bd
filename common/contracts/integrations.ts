/**
 * Integrator API keys (对接密钥) and the public interface settings: the 安全管理员 issues a key to a named integrator
 * for one county; its value appears once, in the answer that creates it (only its hash is kept).
 */
import { z } from 'zod';
import { PUBLISHABLE_SOURCES } from '../open311';
import { abilitiesOf, id, pageOf, timestamp } from './shared';

export const integrationKeyBody = z.object({
  integrator: z
    .string()
    .trim()
    .min(1, '请填写对接方名称')
    .max(60, '对接方名称不超过 60 字')
    .regex(/^[^\s<>&"']+$/u, '对接方名称不能含空格或 < > & " \''),
  regionId: z.uuid('请选择县（市、区）'),
  note: z.string().trim().max(200).nullish(),
  rateLimitPerMinute: z.number().int().min(1, '每分钟至少 1 次').max(6000, '每分钟最多 6000 次').default(60),
});
export type IntegrationKeyInput = z.input<typeof integrationKeyBody>;

export const integrationKeyResponse = z.object({
  id,
  integrator: z.string(),
  regionId: id,
  regionName: z.string(),
  jurisdictionId: z.string(),
  prefix: z.string(),
  note: z.string().nullable(),
  rateLimitPerMinute: z.number().int(),
  createdAt: timestamp,
  createdByName: z.string().nullable(),
  lastUsedAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
  version: z.number().int(),
  abilities: abilitiesOf(['revoke']),
});
export type IntegrationKeyDto = z.input<typeof integrationKeyResponse>;
export const integrationKeyPage = pageOf(integrationKeyResponse);

/** A new key: its value, shown once. */
export const createdIntegrationKeyResponse = z.object({ key: z.string(), item: integrationKeyResponse });
export type CreatedIntegrationKeyDto = z.input<typeof createdIntegrationKeyResponse>;

export const revokeIntegrationKeyBody = z.object({ version: z.number().int() });

/** A region's public interface settings (nearest region wins; `inherited` when they come from above or the default). */
export const publicInterfaceSettingsResponse = z.object({
  regionId: id,
  publicSources: z.array(z.enum(PUBLISHABLE_SOURCES as unknown as [string, ...string[]])),
  hotlineCallbackUrl: z.string().nullable(),
  inherited: z.boolean(),
  sourceRegionId: id.nullable(),
  version: z.number().int().nullable(),
  abilities: abilitiesOf(['update']),
});
export type PublicInterfaceSettingsDto = z.input<typeof publicInterfaceSettingsResponse>;

export const publicInterfaceSettingsBody = z.object({
  publicSources: z.array(z.enum(PUBLISHABLE_SOURCES as unknown as [string, ...string[]], '不能公开该来源')).max(10),
  hotlineCallbackUrl: z
    .string()
    .trim()
    .max(500)
    .refine((u) => /^https?:\/\/[^\s]+$/i.test(u), '回调地址须为 http:// 或 https:// 开头的网址')
    .nullable(),
  version: z.number().int().nullable(),
});
