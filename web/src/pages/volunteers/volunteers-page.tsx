/**
 * 志愿者 (the office and team admins): a paged table of registered volunteers — name, masked phone and ID number,
 * team, state, certified hours and stars — filtered by team, state and words; 审核 (approve, or reject with a reason,
 * both confirmed) for those waiting; 导出 the filtered list.
 */
import { reviewVolunteerBody } from '@common/contracts/volunteers';
import { VOLUNTEER_STATE_LABELS, VOLUNTEER_STATES } from '@common/volunteers';
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Drawer, Form, Grid, Input, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { can } from '../../api/types';
import {
  downloadTeamRoster,
  useReviewVolunteer,
  useTeams,
  useVolunteers,
  type Volunteer,
  type VolunteersQuery,
} from '../../api/volunteers';
import { formatTime } from '../../components/format';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageTitle } from '../../components/page-title';
import { ResponsiveList } from '../../components/responsive-list';
import { useTableState } from '../../components/use-table-state';
import { hoursText, Stars, VolunteerStateTag } from './volunteer-format';
import { FilterSelect, FilterSearch } from '../../components/table-filters';

const FILTERS = ['teamId', 'state', 'search'] as const;

export default function VolunteersPage() {
  const table = useTableState(FILTERS);
  const teams = useTeams();
  const [reviewing, setReviewing] = useState<Volunteer | null>(null);
  const params: VolunteersQuery = {
    teamId: table.filters.teamId,
    state: table.filters.state as VolunteersQuery['state'],
    search: table.filters.search,
    page: table.params.page,
    pageSize: table.params.pageSize,
    sort: table.params.sort as VolunteersQuery['sort'],
    order: table.params.order,
  };
  const list = useVolunteers(params);
  const exportTeam = teams.data?.items.find((t) => t.id === table.filters.teamId);
  const sortOrder = table.sortOrderOf;
  const reviewButton = (r: Volunteer) =>
    can(r, 'review') && r.state === 'pending' ? (
      <Button size="small" type="primary" onClick={() => setReviewing(r)}>
        审核
      </Button>
    ) : null;

  return (
    <>
      <PageTitle
        title="志愿者"
        subTitle={list.data ? `共 ${list.data.total} 人` : undefined}
        extra={
          exportTeam ? (
            <Button
              icon={<DownloadOutlined aria-hidden />}
              onClick={() => downloadTeamRoster(exportTeam.id, exportTeam.name).catch(notifyError)}
            >
              导出花名册
            </Button>
          ) : (
            <Tooltip title="先选择一支队伍，导出它的花名册">
              <Button icon={<DownloadOutlined aria-hidden />} disabled>
                导出花名册
              </Button>
            </Tooltip>
          )
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="志愿队伍"
          aria-label="志愿队伍"
          style={{ width: 200 }}
          value={table.filters.teamId}
          onChange={(v) => table.setFilters({ teamId: v })}
          options={(teams.data?.items ?? []).map((t) => ({
            value: t.id,
            label: t.pendingCount ? `${t.name}（待审 ${t.pendingCount}）` : t.name,
          }))}
          showSearch={{ optionFilterProp: 'label' }}
        />
        <FilterSelect
          table={table}
          name="state"
          label="状态"
          width={120}
          options={VOLUNTEER_STATES.map((s) => ({ value: s, label: VOLUNTEER_STATE_LABELS[s] }))}
        />
        <FilterSearch table={table} name="search" placeholder="姓名或手机号" label="搜索志愿者" />
      </Space>
      <ResponsiveList<Volunteer>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        onChange={table.onChange}
        pagination={table.pagination(list.data?.total)}
        locale={{ emptyText: '没有符合条件的志愿者' }}
        columns={[
          { key: 'name', title: '姓名', dataIndex: 'name', sorter: true, sortOrder: sortOrder('name') },
          { key: 'phone', title: '手机', dataIndex: 'phone', width: 130 },
          { key: 'idNumber', title: '身份证号', dataIndex: 'idNumber', width: 190 },
          { key: 'team', title: '队伍', dataIndex: 'teamName', ellipsis: true },
          { key: 'state', title: '状态', width: 90, render: (_, r) => <VolunteerStateTag state={r.state} /> },
          {
            key: 'hours',
            title: '认证时长',
            width: 120,
            sorter: true,
            sortOrder: sortOrder('hours'),
            render: (_, r) => hoursText(r.certifiedMinutes),
          },
          { key: 'stars', title: '星级', width: 100, render: (_, r) => <Stars stars={r.stars} /> },
          {
            key: 'created_at',
            title: '注册时间',
            width: 150,
            sorter: true,
            sortOrder: sortOrder('created_at'),
            render: (_, r) => formatTime(r.createdAt as string),
          },
          { key: 'actions', title: '操作', width: 80, render: (_, r) => reviewButton(r) },
        ]}
        card={(r) => (
          <div>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <Typography.Text strong>
                {r.name} <Stars stars={r.stars} size={12} />
              </Typography.Text>
              <VolunteerStateTag state={r.state} />
            </div>
            <div>{r.teamName}</div>
            <Typography.Text type="secondary">
              {r.phone} · {hoursText(r.certifiedMinutes)}
            </Typography.Text>
          </div>
        )}
        cardActions={(r) => reviewButton(r)}
      />
      <ReviewDrawer volunteer={reviewing} onClose={() => setReviewing(null)} />
    </>
  );
}

/** 审核: the application, then 通过 or 不通过 (a reason required), each confirmed. */
function ReviewDrawer({ volunteer: v, onClose }: { volunteer: Volunteer | null; onClose: () => void }) {
  const { modal } = App.useApp();
  const review = useReviewVolunteer();
  const [form] = Form.useForm<{ comment?: string }>();
  const screens = Grid.useBreakpoint();
  const decide = (decision: 'approve' | 'reject') => {
    const comment = (form.getFieldValue('comment') as string | undefined)?.trim() ?? '';
    const body =
      decision === 'approve' ? { decision, version: v!.version, comment: comment || null } : { decision, version: v!.version, comment };
    const checked = reviewVolunteerBody.safeParse(body);
    if (!checked.success) {
      form.setFields([{ name: 'comment', errors: [checked.error.issues[0]?.message ?? '请填写未通过的原因'] }]);
      return;
    }
    modal.confirm({
      title: decision === 'approve' ? `通过 ${v!.name} 的注册？` : `不通过 ${v!.name} 的注册？`,
      content:
        decision === 'approve' ? `通过后 ${v!.name} 成为「${v!.teamName}」的志愿者，可以报名活动。` : `原因：${comment}（会告知申请人）`,
      okText: decision === 'approve' ? '通过' : '不通过',
      okButtonProps: decision === 'reject' ? { danger: true } : undefined,
      cancelText: '取消',
      onOk: async () => {
        try {
          await review.mutateAsync({ id: v!.id, ...checked.data });
          notifySuccess(decision === 'approve' ? '已通过' : '已退回');
          form.resetFields();
          onClose();
        } catch (e) {
          notifyError(e);
        }
      },
    });
  };
  return (
    <Drawer open={!!v} title={`审核志愿者 ${v?.name ?? ''}`} onClose={onClose} size={screens.md === false ? '100%' : 480} destroyOnHidden>
      {v && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="姓名">{v.name}</Descriptions.Item>
            <Descriptions.Item label="性别">{v.gender === 'male' ? '男' : v.gender === 'female' ? '女' : '—'}</Descriptions.Item>
            <Descriptions.Item label="手机">{v.phone}</Descriptions.Item>
            <Descriptions.Item label="身份证号">{v.idNumber}</Descriptions.Item>
            <Descriptions.Item label="申请队伍">{v.teamName}</Descriptions.Item>
            <Descriptions.Item label="特长技能">{v.skills.length ? v.skills.map((s) => <Tag key={s}>{s}</Tag>) : '—'}</Descriptions.Item>
            <Descriptions.Item label="可服务时间">{v.availability ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="注册时间">{formatTime(v.createdAt as string)}</Descriptions.Item>
          </Descriptions>
          <Form form={form} layout="vertical" style={{ marginTop: 16 }}>
            <Form.Item name="comment" label="审核意见（不通过时必填）">
              <Input.TextArea rows={3} maxLength={200} placeholder="如：身份信息与队伍服务范围不符" />
            </Form.Item>
            <Space>
              <Button type="primary" loading={review.isPending} onClick={() => decide('approve')}>
                通过
              </Button>
              <Button danger loading={review.isPending} onClick={() => decide('reject')}>
                不通过
              </Button>
            </Space>
          </Form>
        </>
      )}
    </Drawer>
  );
}
