/**
 * 志愿活动: upcoming, past and mine (signed up or organising), filtered by team, station and words; a table on a
 * desktop and cards on a phone; 发布活动 for who may publish (a team's or station's keepers).
 */
import { PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Button, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useActivities, useStations, useTeams, type Activity, type ActivitiesQuery } from '../../api/volunteers';
import { PageTitle } from '../../components/page-title';
import { ResponsiveList } from '../../components/responsive-list';
import { useTableState } from '../../components/use-table-state';
import { ActivityFormDrawer } from './activity-form';
import { activityPhase, activityTime, SignupTag } from './volunteer-format';
import { FilterSearch } from '../../components/table-filters';

const FILTERS = ['tab', 'teamId', 'stationId', 'search'] as const;
const TABS = [
  { value: 'upcoming', label: '近期活动' },
  { value: 'past', label: '往期活动' },
  { value: 'mine', label: '我的活动' },
];

export default function ActivitiesPage() {
  const table = useTableState(FILTERS);
  const navigate = useNavigate();
  const [drawer, setDrawer] = useState<Activity | 'new' | null>(null);
  const tab = table.filters.tab ?? 'upcoming';
  const params: ActivitiesQuery = {
    when: tab === 'past' ? 'past' : tab === 'upcoming' ? 'upcoming' : 'all',
    mine: tab === 'mine' ? 'true' : undefined,
    teamId: table.filters.teamId,
    stationId: table.filters.stationId,
    search: table.filters.search,
    page: table.params.page,
    pageSize: table.params.pageSize,
    order: tab === 'past' ? 'desc' : 'asc',
  };
  const list = useActivities(params);
  const teams = useTeams();
  const stations = useStations();
  const mayPublish =
    (teams.data?.items ?? []).some((t) => t.abilities?.update) || (stations.data?.items ?? []).some((s) => s.abilities?.update);

  return (
    <>
      <PageTitle
        title="志愿活动"
        extra={
          <>
            <Link to="/volunteers/checkin">
              <Button icon={<QrcodeOutlined aria-hidden />}>扫码签到</Button>
            </Link>
            {mayPublish && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDrawer('new')}>
                发布活动
              </Button>
            )}
          </>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented options={TABS} value={tab} onChange={(v) => table.setFilters({ tab: v === 'upcoming' ? undefined : String(v) })} />
        <Select
          allowClear
          placeholder="组织队伍"
          aria-label="组织队伍"
          style={{ width: 180 }}
          value={table.filters.teamId}
          onChange={(v) => table.setFilters({ teamId: v })}
          options={(teams.data?.items ?? []).map((t) => ({ value: t.id, label: t.name }))}
          showSearch={{ optionFilterProp: 'label' }}
        />
        <Select
          allowClear
          placeholder="服务阵地"
          aria-label="服务阵地"
          style={{ width: 180 }}
          value={table.filters.stationId}
          onChange={(v) => table.setFilters({ stationId: v })}
          options={(stations.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          showSearch={{ optionFilterProp: 'label' }}
        />
        <FilterSearch table={table} name="search" placeholder="活动名称或地点" label="搜索活动" />
      </Space>
      <ResponsiveList<Activity>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        onChange={table.onChange}
        pagination={table.pagination(list.data?.total)}
        locale={{ emptyText: tab === 'mine' ? '还没有报名或组织的活动' : '暂无活动' }}
        onRow={(r) => ({ onClick: () => navigate(`/volunteers/activities/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          {
            key: 'title',
            title: '活动',
            render: (_, r) => (
              <>
                <Link to={`/volunteers/activities/${r.id}`} onClick={(e) => e.stopPropagation()}>
                  {r.title}
                </Link>
                <div>
                  <Typography.Text type="secondary">{r.teamName ?? r.stationName ?? ''}</Typography.Text>
                </div>
              </>
            ),
          },
          { key: 'time', title: '时间', render: (_, r) => activityTime(r), width: 230 },
          { key: 'place', title: '地点', dataIndex: 'place', ellipsis: true },
          {
            key: 'count',
            title: '报名',
            width: 120,
            render: (_, r) => (
              <>
                {r.signedCount}/{r.capacity}
                {r.waitlistCount > 0 && <Typography.Text type="secondary"> 候补 {r.waitlistCount}</Typography.Text>}
              </>
            ),
          },
          {
            key: 'state',
            title: '状态',
            width: 160,
            render: (_, r) => {
              const p = activityPhase(r);
              return (
                <>
                  <Tag color={p.color}>{p.label}</Tag>
                  {r.mySignup && <SignupTag state={r.mySignup} />}
                </>
              );
            },
          },
        ]}
        cardHref={(r) => `/volunteers/activities/${r.id}`}
        cardLabel={(r) => `查看活动 ${r.title}`}
        card={(r) => {
          const p = activityPhase(r);
          return (
            <div>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <Typography.Text strong>{r.title}</Typography.Text>
                <Tag color={p.color} style={{ marginInlineEnd: 0 }}>
                  {p.label}
                </Tag>
              </div>
              <div>{activityTime(r)}</div>
              <Typography.Text type="secondary">{r.place}</Typography.Text>
              <div style={{ marginTop: 4 }}>
                已报名 {r.signedCount}/{r.capacity}
                {r.waitlistCount > 0 && `，候补 ${r.waitlistCount}`} {r.mySignup && <SignupTag state={r.mySignup} />}
              </div>
            </div>
          );
        }}
      />
      <ActivityFormDrawer activity={drawer} onClose={() => setDrawer(null)} onSaved={(a) => navigate(`/volunteers/activities/${a.id}`)} />
    </>
  );
}
