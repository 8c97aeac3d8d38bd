/** Pick a standards version (grouped by campaign); also used by the materials pages. */
import { Select } from 'antd';
import { useEffect, useMemo } from 'react';
import { useWorkingCampaign } from '../../api/home';
import { useStandardVersions, type StandardVersion } from '../../api/standards';
import type { Id } from '../../api/types';

interface Props {
  value?: Id;
  onChange: (id: Id | undefined) => void;
  /** Choose the newest version when nothing is chosen yet (of the campaign the person works on, when it has one). */
  autoSelect?: boolean;
  /** Leave these versions out (the one being compared, say). */
  exclude?: Id;
  campaignId?: Id;
  placeholder?: string;
  'aria-label': string;
  style?: React.CSSProperties;
}

/** Options grouped by campaign, the person's own campaign first. */
function grouped(versions: StandardVersion[], first?: string) {
  const groups = new Map<string, { label: string; options: { value: Id; label: string }[] }>();
  if (first && versions.some((v) => String(v.campaignId) === first)) groups.set(first, { label: '', options: [] });
  for (const v of versions) {
    const key = String(v.campaignId);
    if (!groups.has(key)) groups.set(key, { label: v.campaignName, options: [] });
    groups.get(key)!.label = v.campaignName;
    groups.get(key)!.options.push({ value: v.id, label: `${v.name}（${v.standards} 条）` });
  }
  return [...groups.values()];
}

/** Version select; versions come newest first. */
export function VersionSelect({
  value,
  onChange,
  autoSelect,
  exclude,
  campaignId,
  placeholder = '选择测评体系版本',
  style,
  ...rest
}: Props) {
  const versions = useStandardVersions(campaignId);
  const items = useMemo(
    () => (versions.data?.items ?? []).filter((v) => exclude === undefined || String(v.id) !== String(exclude)),
    [versions.data, exclude],
  );
  // Not the newest version of any campaign (the second campaign's, often), but of the one the person works on.
  const working = useWorkingCampaign(!!autoSelect && campaignId === undefined);
  const mine = working.data?.campaign?.id;
  const first = (mine ? items.find((v) => String(v.campaignId) === mine)?.id : undefined) ?? items[0]?.id;
  const settled = !(autoSelect && campaignId === undefined) || !working.isPending;
  useEffect(() => {
    if (autoSelect && settled && value === undefined && first !== undefined) onChange(first);
  }, [autoSelect, settled, value, first, onChange]);
  const current = items.find((v) => String(v.id) === String(value))?.id ?? value;
  return (
    <Select
      aria-label={rest['aria-label']}
      placeholder={placeholder}
      value={current}
      onChange={(v) => onChange(v ?? undefined)}
      loading={versions.isLoading}
      options={grouped(items, mine)}
      showSearch={{ optionFilterProp: 'label' }}
      popupMatchSelectWidth={false}
      notFoundContent={versions.isLoading ? '加载中…' : '暂无测评体系版本'}
      style={{ width: 320, maxWidth: '100%', ...style }}
    />
  );
}
