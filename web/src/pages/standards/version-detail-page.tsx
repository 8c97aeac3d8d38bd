/** 测评体系版本: the tree with filters, export, 复制版本 and 版本对比 (tab and filters live in the URL). */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { STANDARD_METHODS, STANDARD_METHOD_LABELS } from '@common/inspections';
import { Button, Card, Checkbox, Result, Select, Skeleton, Tabs } from 'antd';
import { useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import { hasPermission, useSession } from '../../api/auth';
import { useSiteTypes } from '../../api/sites';
import { useVersionTree } from '../../api/standards';
import { ExportButton } from '../../components/export-button';
import { PageTitle } from '../../components/page-title';
import { SearchBox } from '../../components/search-box';
import { useTableState } from '../../components/use-table-state';
import { CloneVersionButton } from './clone-version-modal';
import { StandardsTree } from './standards-tree';
import { VersionDiffView } from './version-diff';

const FILTER_KEYS = ['tab', 'method', 'siteType', 'search', 'negative', 'other'] as const;

/** Version detail page. */
export default function VersionDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { data: session } = useSession();
  const table = useTableState(FILTER_KEYS);
  const { filters, setFilters } = table;
  const tree = useVersionTree(id);
  const siteTypes = useSiteTypes();
  const siteTypeNames = useMemo(() => new Map((siteTypes.data?.items ?? []).map((t) => [t.code, t.name])), [siteTypes.data]);
  const version = tree.data;

  if (tree.isPending) {
    return (
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  if (!version) {
    return (
      <Result
        status="404"
        title="测评体系版本不存在或无权查看"
        extra={
          <Button type="primary" onClick={() => navigate('/standards')}>
            返回测评体系
          </Button>
        }
      />
    );
  }

  const filterBar = (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16, alignItems: 'center' }}>
      <SearchBox
        label="搜索测评标准"
        placeholder="编码、标准内容、单位"
        value={filters.search}
        onSearch={(search) => setFilters({ search })}
        width={260}
      />
      <Select
        aria-label="筛选测评方法"
        placeholder="测评方法"
        allowClear
        value={filters.method}
        onChange={(v) => setFilters({ method: v })}
        options={STANDARD_METHODS.map((m) => ({ value: m, label: STANDARD_METHOD_LABELS[m] }))}
        style={{ width: 130 }}
      />
      <Select
        aria-label="筛选适用点位类型"
        placeholder="适用点位类型"
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        value={filters.siteType}
        onChange={(v) => setFilters({ siteType: v })}
        options={(siteTypes.data?.items ?? []).map((t) => ({ value: t.code, label: t.name }))}
        popupMatchSelectWidth={false}
        style={{ width: 170 }}
      />
      <Checkbox checked={!!filters.negative} onChange={(e) => setFilters({ negative: e.target.checked ? '1' : undefined })}>
        只看负面清单
      </Checkbox>
      <Button onClick={() => setFilters({ method: undefined, siteType: undefined, search: undefined, negative: undefined })}>重置</Button>
    </div>
  );

  return (
    <>
      <Button
        type="link"
        icon={<ArrowLeftOutlined aria-hidden />}
        style={{ paddingInline: 0, marginBottom: 8 }}
        onClick={() => navigate(`/standards?campaignId=${version.campaignId}`)}
      >
        测评体系
      </Button>
      <PageTitle
        title={version.name}
        subTitle={`${version.campaignName} · ${version.items.length} 个测评项目 · ${version.standards} 条测评标准`}
        extra={
          <>
            {hasPermission(session, 'standards.export') && (
              <ExportButton path={`/api/standards/versions/${version.id}/export`} params={{}} fileName={`${version.name}.xlsx`} />
            )}
            {hasPermission(session, 'standards.clone') && <CloneVersionButton version={version} />}
          </>
        }
      />
      <Card variant="borderless" styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={filters.tab === 'diff' ? 'diff' : 'tree'}
          onChange={(tab) => setFilters({ tab: tab === 'tree' ? undefined : tab })}
          items={[
            {
              key: 'tree',
              label: '测评标准',
              children: (
                <>
                  {filterBar}
                  <StandardsTree tree={version} filter={filters} siteTypeNames={siteTypeNames} />
                </>
              ),
            },
            {
              key: 'diff',
              label: '版本对比',
              children: (
                <VersionDiffView
                  version={version}
                  other={filters.other}
                  onOther={(other) => setFilters({ other: other === undefined ? undefined : String(other) })}
                  siteTypeNames={siteTypeNames}
                />
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
