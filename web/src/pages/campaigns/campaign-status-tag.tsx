/** A coloured tag for a campaign's status. */
import type { CampaignStatus } from '@common/enums';
import { CAMPAIGN_STATUS_LABELS, labelOf } from '@common/labels';
import { Tag } from 'antd';

const COLORS: Record<CampaignStatus, string> = {
  planning: 'default',
  active: 'processing',
  accepted: 'success',
  archived: 'default',
};

/** Status tag. */
export function CampaignStatusTag({ status }: { status: CampaignStatus }) {
  return <Tag color={COLORS[status] ?? 'default'}>{labelOf(CAMPAIGN_STATUS_LABELS, status)}</Tag>;
}
