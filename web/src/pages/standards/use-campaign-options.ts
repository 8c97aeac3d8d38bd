/** Campaigns to choose from: the campaigns list when allowed, plus every campaign that has a version in scope. */
import { useMemo } from 'react';
import { hasPermission, useSession } from '../../api/auth';
import { useCampaigns } from '../../api/campaigns';
import { useStandardVersions } from '../../api/standards';

/** Options `{ value, label }` for a campaign Select. */
export function useCampaignOptions() {
  const { data: session } = useSession();
  const canList = hasPermission(session, 'campaigns.list');
  const campaigns = useCampaigns({ page: 1, pageSize: 100 }, canList);
  const versions = useStandardVersions();
  const options = useMemo(() => {
    const byId = new Map<string, string>();
    for (const c of campaigns.data?.items ?? []) byId.set(String(c.id), c.name);
    for (const v of versions.data?.items ?? []) if (!byId.has(String(v.campaignId))) byId.set(String(v.campaignId), v.campaignName);
    return [...byId.entries()].map(([value, label]) => ({ value, label }));
  }, [campaigns.data, versions.data]);
  return { options, loading: campaigns.isLoading || versions.isLoading };
}
