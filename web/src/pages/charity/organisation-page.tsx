/**
 * 慈善组织 detail: its registry record (code, type, status, contact), its admins (the office names them; they record
 * the ledger), its projects (paged, with raised / spent / balance) and 新建项目 for the admins and the office.
 */
import { PlusOutlined } from '@ant-design/icons';
import { CHARITY_ORG_KIND_LABELS } from '@common/charity';
import { Alert, Button, Card, Descriptions, Modal, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCharityOrg, useCharityProjects, useSetCharityAdmins, type CharityOrg, type CharityProjectPage } from '../../api/charity';
import { can } from '../../api/types';
import { notifySuccess } from '../../components/notify';
import { PageTitle } from '../../components/page-title';
import { RemoteSelect } from '../../components/remote-select';
import { ResponsiveList } from '../../components/responsive-list';
import { CategoryTag, OrgStatusTag, ProjectStatusTag, yuan } from './charity-format';
import { OrgDrawer } from './org-drawer';
import { ProjectDrawer } from './project-drawer';

type ProjectRow = CharityProjectPage['items'][number];

export default function CharityOrganisationPage() {
  const { id } = useParams();
  const org = useCharityOrg(id);
  const [page, setPage] = useState(1);
  const projects = useCharityProjects({ orgId: id, page, pageSize: 10, sort: 'starts_on', order: 'desc' }, !!id);
  const [editing, setEditing] = useState(false);
  const [admins, setAdmins] = useState(false);
  const [newProject, setNewProject] = useState(false);
  const o = org.data;
  if (org.error) return <Alert type="error" showIcon title={org.error.message} />;
  return (
    <>
      <PageTitle
        title={o ? o.name : '慈善组织'}
        subTitle={o ? <OrgStatusTag status={o.status} /> : undefined}
        extra={
          o && (
            <>
              {can(o, 'update') && <Button onClick={() => setEditing(true)}>编辑登记信息</Button>}
              {can(o, 'manageAdmins') && <Button onClick={() => setAdmins(true)}>组织管理员</Button>}
              {can(o, 'addProject') && (
                <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setNewProject(true)}>
                  新建项目
                </Button>
              )}
            </>
          )
        }
      />
      {o && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
            <Descriptions.Item label="统一社会信用代码">{o.creditCode}</Descriptions.Item>
            <Descriptions.Item label="组织类型">{CHARITY_ORG_KIND_LABELS[o.kind]}</Descriptions.Item>
            <Descriptions.Item label="登记区划">{o.regionName}</Descriptions.Item>
            <Descriptions.Item label="登记日期">{o.registeredOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="联系人">{o.contactName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="联系电话">{o.contactPhone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="地址">{o.address ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="组织管理员">{o.admins.length ? o.admins.map((a) => a.name).join('、') : '未设置'}</Descriptions.Item>
            <Descriptions.Item label="累计募集 / 支出">
              {yuan(o.raisedFen)} / {yuan(o.spentFen)}
            </Descriptions.Item>
          </Descriptions>
          {o.description && <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>{o.description}</Typography.Paragraph>}
        </Card>
      )}
      <Typography.Title level={5}>慈善项目</Typography.Title>
      <ResponsiveList<ProjectRow>
        rowKey="id"
        loading={projects.isLoading}
        dataSource={projects.data?.items ?? []}
        pagination={{ current: page, pageSize: 10, total: projects.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
        locale={{ emptyText: '本组织还没有慈善项目' }}
        columns={[
          { key: 'name', title: '项目', render: (_, p) => <Link to={`/charity/projects/${p.id}`}>{p.name}</Link> },
          { key: 'category', title: '类别', width: 100, render: (_, p) => <CategoryTag category={p.category} /> },
          { key: 'region', title: '实施区域', dataIndex: 'regionName', width: 110 },
          { key: 'period', title: '项目期', width: 210, render: (_, p) => `${p.startsOn} 至 ${p.endsOn ?? '—'}` },
          { key: 'status', title: '状态', width: 90, render: (_, p) => <ProjectStatusTag status={p.status} /> },
          { key: 'goal', title: '目标', width: 130, render: (_, p) => yuan(p.goalFen) },
          { key: 'raised', title: '已募集', width: 130, render: (_, p) => yuan(p.raisedFen) },
          { key: 'balance', title: '结余', width: 130, render: (_, p) => yuan(p.balanceFen) },
        ]}
        cardHref={(p) => `/charity/projects/${p.id}`}
        cardLabel={(p) => `查看慈善项目 ${p.name}`}
        card={(p) => (
          <div>
            <Typography.Text strong>{p.name}</Typography.Text> <ProjectStatusTag status={p.status} />
            <div>
              <Typography.Text type="secondary">
                已募集 {yuan(p.raisedFen)} · 结余 {yuan(p.balanceFen)}
              </Typography.Text>
            </div>
          </div>
        )}
      />
      {o && <OrgDrawer open={editing} org={o} onClose={() => setEditing(false)} />}
      {o && <AdminsModal org={admins ? o : null} onClose={() => setAdmins(false)} />}
      <ProjectDrawer open={newProject} orgId={id} onClose={() => setNewProject(false)} />
    </>
  );
}

function AdminsModal({ org, onClose }: { org: CharityOrg | null; onClose: () => void }) {
  const [ids, setIds] = useState<string[]>([]);
  const save = useSetCharityAdmins();
  useEffect(() => setIds(org?.admins.map((a) => a.userId) ?? []), [org]);
  return (
    <Modal
      open={!!org}
      title={`「${org?.name ?? ''}」的管理员`}
      onCancel={onClose}
      okText="保存"
      confirmLoading={save.isPending}
      onOk={async () => {
        await save.mutateAsync({ id: org!.id, userIds: ids });
        notifySuccess('管理员已保存');
        onClose();
      }}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">组织管理员新建本组织的项目、上传票据、记录捐赠和支出（谁募捐、谁记账）。</Typography.Text>
        <RemoteSelect
          path="/api/users"
          resource="users"
          mode="multiple"
          aria-label="组织管理员"
          style={{ width: '100%' }}
          value={ids}
          initialOptions={org?.admins.map((a) => ({ id: a.userId, name: a.name })) ?? []}
          onChange={(v) => setIds(((v as string[] | undefined) ?? []).map(String))}
          placeholder="搜索账号姓名"
        />
      </Space>
    </Modal>
  );
}
