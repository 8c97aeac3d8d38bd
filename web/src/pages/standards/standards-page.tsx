/** 测评体系: the versions of each campaign's standards, with import; a version opens its tree. */
import { ApartmentOutlined } from '@ant-design/icons';
import { Button, Card, Select, Table, Typography, type TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import { hasPermission, useSession } from '../../api/auth';
import { useStandardVersions, type StandardVersion } from '../../api/standards';
import { formatTime } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { useTableState } from '../../components/use-table-state';
import { ImportStandardsButton } from './import-standards-dialog';
import { SourceTag } from './standard-tags';
import { useCampaignOptions } from './use-campaign-options';

const FILTER_KEYS = ['campaignId'] as const;

/** Versions page. */
export default function StandardsPage() {
  const { data: session } = useSession();
  const navigate = useNavigate();
  const table = useTableState(FILTER_KEYS);
  const campaignId = table.filters.campaignId;
  const campaigns = useCampaignOptions();
  const versions = useStandardVersions(campaignId);
  const byId = new Map((versions.data?.items ?? []).map((v) => [String(v.id), v.name]));

  const columns: TableColumnsType<StandardVersion> = [
    {
      title: '版本名称',
      dataIndex: 'name',
      key: 'name',
      render: (name: string, v) => <Link to={`/standards/versions/${v.id}`}>{name}</Link>,
    },
    { title: '创建项目', dataIndex: 'campaignName', key: 'campaign', responsive: ['md'] },
    {
      title: '来源',
      dataIndex: 'source',
      key: 'source',
      width: 120,
      render: (source: string, v) => (
        <span>
          <SourceTag source={source} />
          {v.clonedFrom && byId.has(String(v.clonedFrom)) && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              自「{byId.get(String(v.clonedFrom))}」
            </Typography.Text>
          )}
        </span>
      ),
    },
    { title: '标准条数', dataIndex: 'standards', key: 'standards', width: 100, align: 'right' },
    { title: '创建时间', dataIndex: 'createdAt', key: 'createdAt', width: 160, render: formatTime, responsive: ['sm'] },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      render: (_, v) => (
        <Button
          type="link"
          size="small"
          style={{ paddingInline: 4 }}
          aria-label={`查看${v.name}`}
          onClick={() => navigate(`/standards/versions/${v.id}`)}
        >
          查看
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        title="测评体系"
        subTitle="各创建项目的测评体系版本：测评项目 → 测评内容 → 测评标准"
        extra={
          <>
            <Button icon={<ApartmentOutlined aria-hidden />} onClick={() => navigate('/standards/by-unit')}>
              任务分解
            </Button>
            {hasPermission(session, 'standards.import') && <ImportStandardsButton defaultCampaignId={campaignId} />}
          </>
        }
      />
      <Card variant="borderless">
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
          <Select
            aria-label="筛选创建项目"
            placeholder="全部创建项目"
            allowClear
            value={campaignId}
            onChange={(v) => table.setFilters({ campaignId: v ?? undefined })}
            options={campaigns.options}
            loading={campaigns.loading}
            style={{ width: 320, maxWidth: '100%' }}
          />
        </div>
        <Table<StandardVersion>
          rowKey="id"
          columns={columns}
          dataSource={versions.data?.items ?? []}
          loading={versions.isFetching}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 个版本` }}
          locale={{ emptyText: '暂无测评体系版本，可导入 Excel 建立' }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
    </>
  );
}
