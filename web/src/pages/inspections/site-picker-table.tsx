/** 手动选择点位: search and filter the registry, tick sites across pages; the value is the ticked site ids. */
import { Button, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { usePickableSites, type SiteRow } from '../../api/inspections';
import { useSiteTypes } from '../../api/sites';
import { RegionTreeSelect } from '../../components/region-tree-select';
import { SearchBox } from '../../components/search-box';
import { orDash } from '../../components/format';

interface Props {
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** The round's scope; the list starts inside it. */
  regionId?: string;
}

const columns: TableColumnsType<SiteRow> = [
  { title: '点位名称', dataIndex: 'name', key: 'name' },
  { title: '点位类型', dataIndex: 'siteTypeName', key: 'type' },
  { title: '所属区域', dataIndex: 'regionName', key: 'region', responsive: ['sm'] },
  { title: '包保单位', dataIndex: 'unitName', key: 'unit', render: orDash, responsive: ['md'] },
];

/** Site picker (controlled, for a Form.Item). */
export function SitePickerTable({ value = [], onChange, regionId }: Props) {
  const [search, setSearch] = useState<string>();
  const [siteTypeCode, setSiteTypeCode] = useState<string>();
  const [region, setRegion] = useState<string>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const types = useSiteTypes();
  const sites = usePickableSites({ search, siteTypeCode, regionId: region ?? regionId, page, pageSize });
  const filter = (fn: () => void) => {
    fn();
    setPage(1);
  };

  return (
    <div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 8 }}>
        <SearchBox label="搜索点位" placeholder="点位名称、地址" value={search} onSearch={(v) => filter(() => setSearch(v))} width={200} />
        <Select
          aria-label="筛选点位类型"
          placeholder="点位类型"
          allowClear
          value={siteTypeCode}
          onChange={(v) => filter(() => setSiteTypeCode(v))}
          options={(types.data?.items ?? []).map((t) => ({ value: t.code, label: t.name }))}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 180 }}
        />
        <RegionTreeSelect
          aria-label="筛选点位区域"
          placeholder="所属区域"
          value={region}
          onChange={(v) => filter(() => setRegion(v === undefined ? undefined : String(v)))}
          style={{ width: 180 }}
        />
      </div>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginBottom: 8, gap: 8 }} aria-live="polite">
        <Typography.Text>
          已选 <Tag color={value.length ? 'blue' : undefined}>{value.length}</Tag>个点位
        </Typography.Text>
        {value.length > 0 && (
          <Button size="small" type="link" onClick={() => onChange?.([])}>
            清空选择
          </Button>
        )}
      </div>
      <Table<SiteRow>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={sites.data?.items ?? []}
        loading={sites.isFetching}
        rowSelection={{
          selectedRowKeys: value,
          preserveSelectedRowKeys: true,
          onChange: (keys) => onChange?.(keys.map(String)),
          getCheckboxProps: (s) => ({ 'aria-label': `选择点位 ${s.name}` }),
        }}
        pagination={{
          current: page,
          pageSize,
          total: sites.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50],
          showTotal: (t) => `共 ${t} 个点位`,
          onChange: (p, s) => {
            setPage(s !== pageSize ? 1 : p);
            setPageSize(s);
          },
          size: 'small',
        }}
        locale={{ emptyText: '没有符合条件的点位' }}
        scroll={{ x: 'max-content' }}
      />
    </div>
  );
}
