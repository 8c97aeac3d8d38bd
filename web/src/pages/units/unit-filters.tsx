/** The units toolbar: search box, type and region filters. */
import { UNIT_TYPES } from '@common/enums';
import { UNIT_TYPE_LABELS } from '@common/labels';
import { Button, Select } from 'antd';
import { RegionTreeSelect } from '../../components/region-tree-select';
import { SearchBox } from '../../components/search-box';

type Filters = Record<'search' | 'type' | 'regionId' | 'active', string | undefined>;

interface Props {
  filters: Filters;
  /** Offer the region filter (only to users who can see the region tree). */
  showRegion: boolean;
  onChange: (patch: Partial<Filters>) => void;
  onReset: () => void;
}

/** Filter bar; wraps on phones. */
export function UnitFilters({ filters, showRegion, onChange, onReset }: Props) {
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
      <SearchBox
        label="搜索单位"
        placeholder="单位名称、一把手、电话"
        value={filters.search}
        onSearch={(search) => onChange({ search })}
        width={260}
      />
      <Select
        aria-label="筛选单位类型"
        placeholder="单位类型"
        allowClear
        value={filters.type}
        onChange={(v) => onChange({ type: v })}
        options={UNIT_TYPES.map((t) => ({ value: t, label: UNIT_TYPE_LABELS[t] }))}
        style={{ width: 140 }}
      />
      {showRegion && (
        <RegionTreeSelect
          aria-label="筛选所属区域"
          placeholder="所属区域"
          value={filters.regionId}
          onChange={(v) => onChange({ regionId: v === undefined ? undefined : String(v) })}
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
      <Button onClick={onReset}>重置</Button>
    </div>
  );
}
