/**
 * 志愿队伍: the tree of teams (总队 → 支队 → 小队, 专业队 anywhere) with their kind, region, admins and how many
 * volunteers each has and has waiting; 新建 / 编辑 in a drawer, 管理员 in a dialog (the office keeps them).
 */
import { PlusOutlined } from '@ant-design/icons';
import { teamBody } from '@common/contracts/volunteers';
import { TEAM_CHILD_KINDS, TEAM_KIND_LABELS, TEAM_KINDS, type TeamKind } from '@common/volunteers';
import { Alert, Button, Form, Grid, Input, Modal, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useSession, hasPermission } from '../../api/auth';
import { ApiError } from '../../api/client';
import { can } from '../../api/types';
import { useCreateTeam, useSetTeamAdmins, useTeams, useUpdateTeam, type Team } from '../../api/volunteers';
import { notifySuccess } from '../../components/notify';
import { PageTitle } from '../../components/page-title';
import { RegionTreeSelect } from '../../components/region-tree-select';
import { RemoteSelect, UnitSelect } from '../../components/remote-select';
import { fieldRule } from '../../components/zod-rule';
import { FormDrawer } from '../../components/form-drawer';

type TeamNode = Team & { children?: TeamNode[] };

const KIND_COLORS: Record<TeamKind, string> = { corps: 'red', detachment: 'blue', squad: 'cyan', specialist: 'purple' };

function treeOf(items: Team[]): TeamNode[] {
  const byId = new Map<string, TeamNode>(items.map((t) => [t.id, { ...t }]));
  const roots: TeamNode[] = [];
  for (const t of byId.values()) {
    const parent = t.parentId ? byId.get(t.parentId) : undefined;
    if (parent) (parent.children ??= []).push(t);
    else roots.push(t);
  }
  return roots;
}

export default function TeamsPage() {
  const teams = useTeams();
  const { data: session } = useSession();
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  const [admins, setAdmins] = useState<Team | null>(null);
  const tree = useMemo(() => treeOf(teams.data?.items ?? []), [teams.data]);
  // A phone: one column (the team, with its admins, count and actions under the name), no sideways scrolling.
  const phone = Grid.useBreakpoint().md === false;
  const mayCreate = hasPermission(session, 'volunteers.manage');
  const total = (teams.data?.items ?? []).reduce((s, t) => s + t.volunteerCount, 0);
  const pending = (teams.data?.items ?? []).reduce((s, t) => s + t.pendingCount, 0);
  return (
    <>
      <PageTitle
        title="志愿队伍"
        subTitle={
          teams.data ? `${teams.data.items.length} 支队伍，志愿者 ${total} 人${pending ? `，待审核 ${pending} 人` : ''}` : undefined
        }
        extra={
          <>
            {/* A team's admins (not a role) find the applications waiting for them here. */}
            {pending > 0 && (teams.data?.items ?? []).some((t) => t.abilities?.review) && (
              <Link to="/volunteers/people?state=pending">
                <Button>待审核 {pending} 人</Button>
              </Link>
            )}
            {mayCreate && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
                新建队伍
              </Button>
            )}
          </>
        }
      />
      {teams.error && <Alert type="error" showIcon title={teams.error.message} />}
      <Table<TeamNode>
        // Mounted again once the teams are here, so the whole tree opens expanded.
        key={teams.data ? 'loaded' : 'loading'}
        rowKey="id"
        size="middle"
        loading={teams.isLoading}
        dataSource={tree}
        pagination={false}
        scroll={phone ? undefined : { x: 760 }}
        expandable={{ defaultExpandAllRows: true }}
        locale={{ emptyText: '还没有志愿队伍' }}
        columns={(
          [
            {
              key: 'name',
              title: '队伍',
              width: phone ? undefined : 360,
              render: (_, t) => (
                <span>
                  <Tag color={KIND_COLORS[t.kind]}>{TEAM_KIND_LABELS[t.kind]}</Tag>
                  <Typography.Text strong>{t.name}</Typography.Text>
                  {phone && (
                    <span style={{ display: 'block', marginTop: 4 }}>
                      <Typography.Text type="secondary">
                        {t.regionName} · 管理员 {t.admins.length ? t.admins.map((a) => a.name).join('、') : '—'} ·{' '}
                      </Typography.Text>
                      <Count team={t} />
                      <Actions team={t} onEdit={setEditing} onAdmins={setAdmins} />
                    </span>
                  )}
                </span>
              ),
            },
            { key: 'region', title: '区域', dataIndex: 'regionName', width: 120 },
            { key: 'unit', title: '依托单位', render: (_, t) => t.unitName ?? '—', ellipsis: true },
            { key: 'admins', title: '管理员', render: (_, t) => (t.admins.length ? t.admins.map((a) => a.name).join('、') : '—') },
            {
              key: 'count',
              title: '志愿者',
              width: 110,
              render: (_, t) => <Count team={t} />,
            },
            {
              key: 'actions',
              title: '操作',
              width: 140,
              render: (_, t) => <Actions team={t} onEdit={setEditing} onAdmins={setAdmins} />,
            },
          ] satisfies TableColumnsType<TeamNode>
        ).filter((c) => !phone || c.key === 'name')}
      />
      <TeamDrawer team={editing} teams={teams.data?.items ?? []} onClose={() => setEditing(null)} />
      <AdminsModal team={admins} onClose={() => setAdmins(null)} />
    </>
  );
}

/** 志愿者 N 人 (待审 M), opening the team's volunteers. */
function Count({ team: t }: { team: Team }) {
  return (
    <Link to={`/volunteers/people?teamId=${t.id}`}>
      {t.volunteerCount} 人
      {t.pendingCount > 0 && (
        <Tag color="gold" style={{ marginInlineStart: 4 }}>
          待审 {t.pendingCount}
        </Tag>
      )}
    </Link>
  );
}

function Actions({ team: t, onEdit, onAdmins }: { team: Team; onEdit: (t: Team) => void; onAdmins: (t: Team) => void }) {
  return (
    <Space size={4}>
      {can(t, 'update') && (
        <Button size="small" type="link" onClick={() => onEdit(t)}>
          编辑
        </Button>
      )}
      {can(t, 'manageAdmins') && (
        <Button size="small" type="link" onClick={() => onAdmins(t)}>
          管理员
        </Button>
      )}
    </Space>
  );
}

interface Values {
  regionId: string;
  parentId?: string | null;
  kind: TeamKind;
  name: string;
  unitId?: string | null;
  contactName?: string;
  contactPhone?: string;
  description?: string;
}

function TeamDrawer({ team, teams, onClose }: { team: Team | 'new' | null; teams: Team[]; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const create = useCreateTeam();
  const update = useUpdateTeam();
  const [error, setError] = useState<string | null>(null);
  const editing = team && team !== 'new' ? team : null;
  const parentId = Form.useWatch('parentId', form);
  const parent = teams.find((t) => t.id === parentId);
  const kinds = parent ? TEAM_CHILD_KINDS[parent.kind] : TEAM_KINDS;

  useEffect(() => {
    if (!team) return;
    setError(null);
    form.resetFields();
    if (editing)
      form.setFieldsValue({
        ...editing,
        unitId: editing.unitId,
        contactName: editing.contactName ?? undefined,
        contactPhone: editing.contactPhone ?? undefined,
        description: editing.description ?? undefined,
      });
  }, [team, editing, form]);

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    const blank = (s?: string | null) => (s && s.trim() ? s.trim() : null);
    try {
      if (editing)
        await update.mutateAsync({
          id: editing.id,
          version: editing.version,
          parentId: v.parentId ?? null,
          name: v.name,
          unitId: v.unitId ?? null,
          contactName: blank(v.contactName),
          contactPhone: blank(v.contactPhone),
          description: blank(v.description),
        });
      else
        await create.mutateAsync({
          ...v,
          parentId: v.parentId ?? null,
          unitId: v.unitId ?? null,
          contactName: blank(v.contactName),
          contactPhone: blank(v.contactPhone),
          description: blank(v.description),
        });
      notifySuccess(editing ? '队伍已保存' : '队伍已新建');
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '保存失败，请重试');
    }
  };
  const shape = teamBody.shape;
  return (
    <FormDrawer
      open={!!team}
      title={editing ? `编辑队伍「${editing.name}」` : '新建志愿队伍'}
      width={520}
      onClose={onClose}
      onSave={submit}
      saving={create.isPending || update.isPending}
    >
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item name="regionId" label="所属区域" required rules={[fieldRule(shape.regionId)]}>
          <RegionTreeSelect disabled={!!editing} />
        </Form.Item>
        <Form.Item name="parentId" label="上级队伍">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="无（顶层队伍）"
            options={teams
              .filter((t) => t.id !== editing?.id && TEAM_CHILD_KINDS[t.kind].length > 0)
              .map((t) => ({ value: t.id, label: `${t.name}（${TEAM_KIND_LABELS[t.kind]}）` }))}
          />
        </Form.Item>
        <Form.Item name="kind" label="队伍类型" required rules={[fieldRule(shape.kind)]}>
          <Select disabled={!!editing} options={kinds.map((k) => ({ value: k, label: TEAM_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item name="name" label="队伍名称" required rules={[fieldRule(shape.name)]}>
          <Input maxLength={60} placeholder="如：城关镇文明劝导志愿服务支队" />
        </Form.Item>
        <Form.Item name="unitId" label="依托单位">
          <UnitSelect initialOptions={editing?.unitId ? [{ id: editing.unitId, name: editing.unitName ?? '' }] : []} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="contactName" label="联系人">
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="contactPhone" label="联系电话" rules={[fieldRule(shape.contactPhone)]}>
            <Input maxLength={20} inputMode="tel" />
          </Form.Item>
        </Space>
        <Form.Item name="description" label="队伍简介">
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </FormDrawer>
  );
}

function AdminsModal({ team, onClose }: { team: Team | null; onClose: () => void }) {
  const [ids, setIds] = useState<string[]>([]);
  const save = useSetTeamAdmins();
  useEffect(() => setIds(team?.admins.map((a) => a.userId) ?? []), [team]);
  return (
    <Modal
      open={!!team}
      title={`「${team?.name ?? ''}」的管理员`}
      onCancel={onClose}
      okText="保存"
      confirmLoading={save.isPending}
      onOk={async () => {
        await save.mutateAsync({ id: team!.id, userIds: ids });
        notifySuccess('管理员已保存');
        onClose();
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">队伍管理员审核本队志愿者的注册、发布和组织本队的活动。</Typography.Paragraph>
      <RemoteSelect
        path="/api/users"
        resource="users"
        mode="multiple"
        aria-label="队伍管理员"
        style={{ width: '100%' }}
        value={ids}
        initialOptions={team?.admins.map((a) => ({ id: a.userId, name: a.name })) ?? []}
        onChange={(v) => setIds(((v as string[] | undefined) ?? []).map(String))}
        placeholder="搜索账号姓名"
      />
    </Modal>
  );
}
