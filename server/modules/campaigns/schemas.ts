/** Request schemas for campaigns: the bodies are the shared contracts (common/contracts/campaigns.ts); the list query is the server's. */
import { z } from 'zod';
import { createCampaignBody, leadingMemberBody, updateCampaignBody, updateLeadingMemberBody } from '../../../common/contracts';
import { CAMPAIGN_STATUSES } from '../../../common/enums';
import { blankToUndefined, pageQuery } from '../../platform/pagination';

export const listCampaignsQuery = pageQuery.extend({
  search: z.preprocess(blankToUndefined, z.string().trim().max(50).optional()),
  status: z.preprocess(blankToUndefined, z.enum(CAMPAIGN_STATUSES).optional()),
  sort: z.enum(['name', 'cycleStartYear', 'status']).default('cycleStartYear'),
});

export const memberBody = leadingMemberBody;
export const updateMemberBody = updateLeadingMemberBody;
export { createCampaignBody, updateCampaignBody };

export type CampaignInput = z.infer<typeof createCampaignBody>;
export type MemberInput = z.infer<typeof memberBody>;

/** The `:id` path parameter (one definition, in common/contracts). */
export { idParam } from '../../../common/contracts';
export const memberParam = z.object({ id: z.uuid('编号格式不正确'), memberId: z.uuid('编号格式不正确') });
