/** Campaign names by id (the rounds list carries only campaignId). */
import { useCallback, useMemo } from 'react';
import { useCampaigns } from '../../api/campaigns';

/** A lookup id → name ('—' while unknown). */
export function useCampaignNames() {
  const campaigns = useCampaigns({ page: 1, pageSize: 100 });
  const names = useMemo(() => new Map((campaigns.data?.items ?? []).map((c) => [String(c.id), c.name])), [campaigns.data]);
  return useCallback((id: string | null | undefined) => (id ? (names.get(String(id)) ?? '—') : '—'), [names]);
}
