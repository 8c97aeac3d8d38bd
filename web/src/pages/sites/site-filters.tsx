/** The sites toolbar: search, type, region, unit, status and (for 点长) 只看我负责的. */
import { Button, Checkbox, Select } from 'antd';
import { useSiteTypes } from '../../api/sites';
import { RegionTreeSelect } from '../../components/region-tree-select';
import { UnitSelect } from '../../components/remote-select';
import { SearchBox } from '../../components/search-box';

export const SITE_FILTER_KEYS = ['search', 'siteTypeCode', 'regionId', 'unitId', 'active', 'mine'] as const;
export type SiteFilterValues = Record<(typeof SITE_FILTER_KEYS)[number], string | undefined>;

interface Props {
  filters: Partial<SiteFilterValues>;
  showRegion: boolean;
  showUnit: boolean;
  showMine: boolean;
  onChange: (patch: Partial<SiteFilterValues>) => void;
  onReset: () => void;
  /** The map page sits the bar inside its card. */
  style?: React.CSSProperties;
}

/** Filter bar; wraps on phones. */
export function SiteFilters({ filters, showRegion, showUnit, showMine, onChange, onReset, style }: Props) {
  const types = useSiteTypes();
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16, alignItems: 'center', ...style }}>
      <SearchBox
        label="搜索点位"
        placeholder="点位名称、地址"
        value={filters.search}
        onSearch={(search) => onChange({ search })}
        width={220}
      />
      <Select
        aria-label="筛选点位类型"
        placeholder="点位类型"
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        value={filters.siteTypeCode}
        onChange={(v) => onChange({ siteTypeCode: v })}
        options={(types.data?.items ?? []).map((t) => ({ value: t.code, label: t.name }))}
        popupMatchSelectWidth={false}
        style={{ width: 160 }}
      />
      {showRegion && (
        <RegionTreeSelect
          aria-label="筛选所属区域"
          placeholder="所属区域"
          value={filters.regionId}
          onChange={(v) => onChange({ regionId: v === undefined ? undefined : String(v) })}
          style={{ width: 180 }}
        />
      )}
      {showUnit && (
        <UnitSelect
          aria-label="筛选包保单位"
          placeholder="包保单位"
          value={filters.unitId}
          onChange={(v) => onChange({ unitId: v === undefined || Array.isArray(v) ? undefined : String(v) })}
          style={{ width: 200 }}
        />
      )}
      <Select
        aria-label="筛选状态"
        placeholder="状态"
        allowClear
        value={filters.active}
        onChange={(v) => onChange({ active: v })}
        options={[
          { value: 'true', label: '启用' },
          { value: 'false', label: '停用' },
        ]}
        style={{ width: 100 }}
      />
      {showMine && (
        <Checkbox checked={filters.mine === 'true'} onChange={(e) => onChange({ mine: e.target.checked ? 'true' : undefined })}>
          只看我负责的
        </Checkbox>
      )}
      <Button onClick={onReset}>重置</Button>
    </div>
  );
}
