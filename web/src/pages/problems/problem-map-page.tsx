/** 问题地图: the county's problems as coloured points with a legend (lazy route: Leaflet stays out of the main bundle). */
import { OPEN_STATES, PROBLEM_STATES, PROBLEM_STATE_LABELS, type ProblemState } from '@common/problem-workflow';
import { Card, Empty, Segmented, Space, Spin, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { useProblems, type Problem } from '../../api/problems';
import { PageTitle } from '../../components/page-title';
import { STATE_COLORS } from '../../components/problem-tags';
import { useTableState } from '../../components/use-table-state';
import { ProblemMap } from './problem-map';

const VIEWS = [
  { value: 'open', label: '在办', params: { state: OPEN_STATES.join(',') } },
  { value: 'overdue', label: '超期', params: { overdue: 'true' } },
  { value: 'closed', label: '已结案', params: { state: 'closed' } },
  { value: 'all', label: '全部', params: {} },
] as const;
const FILTER_KEYS = ['view'] as const;
/** The server's largest page: the map shows at most this many points. */
const MAX_POINTS = 500;

type Located = Problem & { location: { lat: number; lng: number } };

function Legend({ counts }: { counts: Map<ProblemState, number> }) {
  return (
    <div
      aria-label="图例"
      role="group"
      style={{
        position: 'absolute',
        top: 12,
        right: 12,
        zIndex: 1000,
        background: 'rgba(255,255,255,.95)',
        borderRadius: 8,
        padding: '8px 12px',
        boxShadow: '0 1px 4px rgba(0,0,0,.15)',
        fontSize: 12,
        lineHeight: '22px',
      }}
    >
      <div style={{ fontWeight: 600 }}>图例</div>
      {PROBLEM_STATES.filter((s) => counts.has(s)).map((s) => (
        <div key={s} style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
          <span
            aria-hidden
            style={{
              width: 12,
              height: 12,
              borderRadius: 6,
              background: STATE_COLORS[s],
              border: '2px solid #fff',
              boxShadow: '0 0 0 1px rgba(0,0,0,.2)',
            }}
          />
          <span>{PROBLEM_STATE_LABELS[s]}</span>
          <span style={{ color: 'rgba(0,0,0,.45)', marginInlineStart: 'auto', paddingInlineStart: 8 }}>{counts.get(s)}</span>
        </div>
      ))}
      <div style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
        <span aria-hidden style={{ width: 12, height: 12, borderRadius: 6, border: '3px solid #a8071a' }} />
        <span>超期（粗红边）</span>
      </div>
    </div>
  );
}

/** Map page. */
export default function ProblemMapPage() {
  const navigate = useNavigate();
  const table = useTableState(FILTER_KEYS);
  const view = VIEWS.find((v) => v.value === table.filters.view) ?? VIEWS[0];
  const problems = useProblems({ ...view.params, page: 1, pageSize: MAX_POINTS, sort: 'createdAt', order: 'desc' });
  const items = problems.data?.items;
  const located = useMemo(() => (items ?? []).filter((p): p is Located => !!p.location), [items]);
  const counts = useMemo(() => {
    const m = new Map<ProblemState, number>();
    located.forEach((p) => m.set(p.state, (m.get(p.state) ?? 0) + 1));
    return m;
  }, [located]);
  const total = problems.data?.total ?? 0;

  return (
    <>
      <PageTitle
        title="问题地图"
        subTitle={
          problems.data
            ? `共 ${total}${problems.data.totalCapped ? '+' : ''} 个问题，${located.length} 个有位置${total > MAX_POINTS ? `（显示最新 ${MAX_POINTS} 个）` : ''}`
            : '按状态着色的问题分布'
        }
        extra={
          <Segmented
            aria-label="地图范围"
            value={view.value}
            onChange={(v) => table.setFilters({ view: v === 'open' ? undefined : String(v) })}
            options={VIEWS.map((v) => ({ value: v.value, label: v.label }))}
          />
        }
      />
      <Card variant="borderless" styles={{ body: { padding: 8 } }}>
        {problems.isPending ? (
          <div style={{ height: 420, display: 'grid', placeItems: 'center' }}>
            <Spin aria-label="加载中" />
          </div>
        ) : located.length === 0 ? (
          <Empty
            style={{ padding: '64px 0' }}
            description={
              <Space direction="vertical" size={2}>
                <span>暂无带位置的问题</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  手机上报时允许定位，问题就会显示在地图上
                </Typography.Text>
              </Space>
            }
          />
        ) : (
          <div style={{ position: 'relative' }}>
            <ProblemMap problems={located} onOpen={(id) => navigate(`/problems/${id}`)} />
            <Legend counts={counts} />
          </div>
        )}
      </Card>
    </>
  );
}
