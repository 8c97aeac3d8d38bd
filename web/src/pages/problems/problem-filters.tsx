/**
 * The problems toolbar: search, state (several), category tree, source, severity, unit, region, dates, overdue, relapse.
 * On a phone the search stays and the rest folds behind a 筛选 button (with how many are set), so the list starts on
 * the first screen.
 */
import {
  PROBLEM_SEVERITIES,
  PROBLEM_SEVERITY_LABELS,
  PROBLEM_SOURCES,
  PROBLEM_SOURCE_LABELS,
  PROBLEM_STATES,
  PROBLEM_STATE_LABELS,
} from '@common/problem-workflow';
import { FilterOutlined } from '@ant-design/icons';
import { Badge, Button, Checkbox, DatePicker, Grid, Select, Tag, TreeSelect } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { categoryTree, useProblemCategories, type ProblemFilterParams } from '../../api/problems';
import { useSiteTypes } from '../../api/sites';
import { RegionTreeSelect } from '../../components/region-tree-select';
import { UnitSelect, type RemoteOption } from '../../components/remote-select';
import { SearchBox } from '../../components/search-box';

export const PROBLEM_FILTER_KEYS = [
  'search',
  'state',
  'categoryCode',
  'source',
  'severity',
  'unitId',
  'regionId',
  'from',
  'to',
  'overdue',
  'relapse',
  'standardCode',
  'siteType',
] as const;
export type ProblemFilterKey = (typeof PROBLEM_FILTER_KEYS)[number];
type Filters = Record<ProblemFilterKey, string | undefined>;

/** URL filters (dates as inclusive days) → the server's parameters (`to` is exclusive, times in local days). */
export function toServerFilters(f: Filters): ProblemFilterParams {
  return {
    ...f,
    from: f.from ? dayjs(f.from).startOf('day').toISOString() : undefined,
    to: f.to ? dayjs(f.to).add(1, 'day').startOf('day').toISOString() : undefined,
  };
}

interface Props {
  filters: Filters;
  showUnit: boolean;
  showRegion: boolean;
  /** The unit filter's name, when the list already shows it. */
  unitOption?: RemoteOption;
  onChange: (patch: Partial<Filters>) => void;
  onReset: () => void;
}

/** Filter bar; wraps on phones. */
export function ProblemFilters({ filters, showUnit, showRegion, unitOption, onChange, onReset }: Props) {
  const categories = useProblemCategories();
  const siteTypes = useSiteTypes();
  const siteTypeName = (code: string) => siteTypes.data?.items.find((t) => t.code === code)?.name ?? code;
  const tree = useMemo(() => categoryTree(categories.data ?? []), [categories.data]);
  const states = filters.state ? filters.state.split(',') : [];
  const range: [dayjs.Dayjs, dayjs.Dayjs] | null = filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null;
  const phone = Grid.useBreakpoint().md === false;
  const [unfolded, setUnfolded] = useState(false);
  const set = PROBLEM_FILTER_KEYS.filter((k) => k !== 'search' && k !== 'to' && filters[k]).length;
  const search = (
    <SearchBox
      label="搜索问题"
      placeholder="编号、描述、地址"
      value={filters.search}
      onSearch={(search) => onChange({ search })}
      width={phone ? undefined : 220}
    />
  );

  if (phone && !unfolded)
    return (
      <div style={{ display: 'flex', gap: 8, marginBottom: 12 }}>
        <div style={{ flex: 1, minWidth: 0 }}>{search}</div>
        <Badge count={set} size="small">
          <Button
            icon={<FilterOutlined aria-hidden />}
            aria-label={set ? `筛选（已设 ${set} 项）` : '筛选'}
            onClick={() => setUnfolded(true)}
          >
            筛选
          </Button>
        </Badge>
      </div>
    );

  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
      {search}
      <Select
        aria-label="筛选状态"
        placeholder="状态"
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        value={states}
        onChange={(v: string[]) => onChange({ state: v.length ? v.join(',') : undefined })}
        options={PROBLEM_STATES.map((s) => ({ value: s, label: PROBLEM_STATE_LABELS[s] }))}
        style={{ minWidth: 150, maxWidth: 260 }}
      />
      <TreeSelect
        aria-label="筛选问题类别"
        placeholder="问题类别"
        allowClear
        showSearch={{ treeNodeFilterProp: 'title' }}
        value={filters.categoryCode}
        onChange={(v?: string) => onChange({ categoryCode: v })}
        treeData={tree}
        loading={categories.isFetching && !categories.data}
        popupMatchSelectWidth={false}
        style={{ width: 160 }}
      />
      <Select
        aria-label="筛选来源"
        placeholder="来源"
        allowClear
        value={filters.source}
        onChange={(v?: string) => onChange({ source: v })}
        options={PROBLEM_SOURCES.map((s) => ({ value: s, label: PROBLEM_SOURCE_LABELS[s] }))}
        style={{ width: 120 }}
      />
      <Select
        aria-label="筛选严重程度"
        placeholder="严重程度"
        allowClear
        value={filters.severity}
        onChange={(v?: string) => onChange({ severity: v })}
        options={PROBLEM_SEVERITIES.map((s) => ({ value: s, label: PROBLEM_SEVERITY_LABELS[s] }))}
        style={{ width: 110 }}
      />
      {showUnit && (
        <UnitSelect
          aria-label="筛选责任单位"
          placeholder="责任单位"
          value={filters.unitId}
          initialOptions={unitOption ? [unitOption] : []}
          onChange={(v) => onChange({ unitId: v === undefined ? undefined : String(v) })}
          style={{ width: 200 }}
        />
      )}
      {showRegion && (
        <RegionTreeSelect
          aria-label="筛选所属区域"
          placeholder="所属区域"
          value={filters.regionId}
          onChange={(v) => onChange({ regionId: v === undefined ? undefined : String(v) })}
          style={{ width: 170 }}
        />
      )}
      <DatePicker.RangePicker
        aria-label="上报日期"
        placeholder={['上报开始', '上报结束']}
        value={range}
        onChange={(v) => onChange({ from: v?.[0]?.format('YYYY-MM-DD') ?? undefined, to: v?.[1]?.format('YYYY-MM-DD') ?? undefined })}
        style={{ width: 250 }}
      />
      <Checkbox
        checked={filters.overdue === 'true'}
        onChange={(e) => onChange({ overdue: e.target.checked ? 'true' : undefined })}
        style={{ alignSelf: 'center' }}
      >
        仅看超期
      </Checkbox>
      <Checkbox
        checked={filters.relapse === 'true'}
        onChange={(e) => onChange({ relapse: e.target.checked ? 'true' : undefined })}
        style={{ alignSelf: 'center' }}
      >
        仅看反弹
      </Checkbox>
      {filters.standardCode && (
        <Tag closable onClose={() => onChange({ standardCode: undefined })} style={{ alignSelf: 'center', marginInlineEnd: 0 }}>
          测评标准 {filters.standardCode}
        </Tag>
      )}
      {filters.siteType && (
        <Tag closable onClose={() => onChange({ siteType: undefined })} style={{ alignSelf: 'center', marginInlineEnd: 0 }}>
          点位类型 {siteTypeName(filters.siteType)}
        </Tag>
      )}
      <Button onClick={onReset}>重置</Button>
      {phone && <Button onClick={() => setUnfolded(false)}>收起筛选</Button>}
    </div>
  );
}
