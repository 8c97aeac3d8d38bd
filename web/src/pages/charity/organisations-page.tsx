/**
 * 慈善组织 (the office and organisation admins): the registry as a paged table — name, 统一社会信用代码, type, region,
 * status, projects and sums — filtered by status, type and words, sorted by name, date or sum; 登记 a new organisation
 * (the office), 导出台账 (.xlsx of the filtered list). A row opens the organisation.
 */
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { CHARITY_ORG_KIND_LABELS, CHARITY_ORG_KINDS, CHARITY_ORG_STATUS_LABELS, CHARITY_ORG_STATUSES } from '@common/charity';
import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { hasPermission, useSession } from '../../api/auth';
import { exportCharityOrgs, useCharityOrgs, type CharityOrg, type CharityOrgsQuery } from '../../api/charity';
import { notifyError } from '../../components/notify';
import { PageTitle } from '../../components/page-title';
import { ResponsiveList } from '../../components/responsive-list';
import { useTableState } from '../../components/use-table-state';
import { OrgStatusTag, yuan } from './charity-format';
import { OrgDrawer } from './org-drawer';
import { FilterSelect, FilterSearch } from '../../components/table-filters';

const FILTERS = ['status', 'kind', 'search'] as const;

export default function CharityOrganisationsPage() {
  const table = useTableState(FILTERS);
  const { data: session } = useSession();
  const [creating, setCreating] = useState(false);
  const params: CharityOrgsQuery = {
    status: table.filters.status as CharityOrgsQuery['status'],
    kind: table.filters.kind as CharityOrgsQuery['kind'],
    search: table.filters.search,
    page: table.params.page,
    pageSize: table.params.pageSize,
    sort: table.params.sort as CharityOrgsQuery['sort'],
    order: table.params.order,
  };
  const list = useCharityOrgs(params);
  const sortOrder = table.sortOrderOf;
  return (
    <>
      <PageTitle
        title="慈善组织"
        subTitle={list.data ? `共 ${list.data.total} 个` : undefined}
        extra={
          <>
            <Button icon={<DownloadOutlined aria-hidden />} onClick={() => exportCharityOrgs(params).catch(notifyError)}>
              导出台账
            </Button>
            {hasPermission(session, 'charity.manage') && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
                登记组织
              </Button>
            )}
          </>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <FilterSelect
          table={table}
          name="status"
          label="状态"
          width={120}
          options={CHARITY_ORG_STATUSES.map((s) => ({ value: s, label: CHARITY_ORG_STATUS_LABELS[s] }))}
        />
        <FilterSelect
          table={table}
          name="kind"
          label="组织类型"
          width={150}
          options={CHARITY_ORG_KINDS.map((k) => ({ value: k, label: CHARITY_ORG_KIND_LABELS[k] }))}
        />
        <FilterSearch table={table} name="search" placeholder="名称或信用代码" label="搜索慈善组织" width={220} />
      </Space>
      <ResponsiveList<CharityOrg>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        onChange={table.onChange}
        pagination={table.pagination(list.data?.total)}
        locale={{ emptyText: '还没有登记的慈善组织' }}
        columns={[
          {
            key: 'name',
            title: '组织名称',
            sorter: true,
            sortOrder: sortOrder('name'),
            render: (_, o) => <Link to={`/charity/organisations/${o.id}`}>{o.name}</Link>,
          },
          { key: 'code', title: '统一社会信用代码', dataIndex: 'creditCode', width: 190 },
          { key: 'kind', title: '类型', width: 120, render: (_, o) => CHARITY_ORG_KIND_LABELS[o.kind] },
          { key: 'region', title: '登记区划', dataIndex: 'regionName', width: 110 },
          { key: 'status', title: '状态', width: 90, render: (_, o) => <OrgStatusTag status={o.status} /> },
          { key: 'projects', title: '项目', dataIndex: 'projectCount', width: 70 },
          {
            key: 'raised',
            title: '累计募集',
            width: 140,
            sorter: true,
            sortOrder: sortOrder('raised'),
            render: (_, o) => yuan(o.raisedFen),
          },
          { key: 'spent', title: '累计支出', width: 130, render: (_, o) => yuan(o.spentFen) },
        ]}
        cardHref={(o) => `/charity/organisations/${o.id}`}
        cardLabel={(o) => `查看慈善组织 ${o.name}`}
        card={(o) => (
          <div>
            <Typography.Text strong>{o.name}</Typography.Text> <OrgStatusTag status={o.status} />
            <div>
              <Typography.Text type="secondary">
                {o.creditCode} · {o.regionName} · 项目 {o.projectCount} 个 · 募集 {yuan(o.raisedFen)}
              </Typography.Text>
            </div>
          </div>
        )}
      />
      <OrgDrawer open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
