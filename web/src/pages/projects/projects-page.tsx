/**
 * 项目作战图 (/projects): every project in scope on the map coloured by schedule status (with a legend that filters),
 * and beside it — below it on a phone — the 交账倒计时 board sorted by days to hand-over. Filters (type, status,
 * region, unit, search) stay in the URL. The office registers projects (新建项目, a drawer) and exports the ledger;
 * an owner unit sees its own projects.
 */
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import {
  PROJECT_STATUSES,
  PROJECT_STATUS_COLORS,
  PROJECT_STATUS_LABELS,
  PROJECT_TYPES,
  type ProjectStatus,
  type ProjectType,
} from '@common/tasks';
import { Button, Card, Col, Empty, Grid, Row, Select, Spin, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { hasPermission, useSession } from '../../api/auth';
import { downloadProjects, useProjects } from '../../api/projects';
import { notifyError } from '../../components/notify';
import { PageTitle } from '../../components/page-title';
import { RegionTreeSelect } from '../../components/region-tree-select';
import { UnitSelect } from '../../components/remote-select';
import { SearchBox } from '../../components/search-box';
import { useTableState } from '../../components/use-table-state';
import type { LocatedProject } from './battle-map';
import { CountdownBoard } from './countdown-board';
import { ProjectFormDrawer } from './project-form';

const BattleMap = lazy(() => import('./battle-map'));
const FILTER_KEYS = ['q', 'type', 'status', 'regionId', 'unitId'] as const;

const FLOATING: React.CSSProperties = {
  position: 'absolute',
  top: 12,
  right: 12,
  zIndex: 1000,
  background: 'rgba(255,255,255,.95)',
  borderRadius: 8,
  padding: '8px 10px',
  boxShadow: '0 1px 4px rgba(0,0,0,.15)',
};
const BELOW: React.CSSProperties = {
  display: 'grid',
  gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
  columnGap: 8,
  padding: '8px 4px 0',
};

function Legend(props: {
  counts: Map<ProjectStatus, number>;
  active?: string;
  floating: boolean;
  onPick: (status: ProjectStatus | undefined) => void;
}) {
  const { counts, active, floating, onPick } = props;
  return (
    <div role="group" aria-label="图例" style={{ ...(floating ? FLOATING : BELOW), fontSize: 12 }}>
      <div style={{ fontWeight: 600, marginBottom: 2, gridColumn: '1 / -1' }}>进度状态（点击筛选）</div>
      {PROJECT_STATUSES.map((s) => (
        <button
          key={s}
          type="button"
          aria-pressed={active === s}
          aria-label={`${PROJECT_STATUS_LABELS[s]} ${counts.get(s) ?? 0} 个`}
          onClick={() => onPick(active === s ? undefined : s)}
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: 6,
            width: '100%',
            border: 0,
            cursor: 'pointer',
            padding: '2px 4px',
            borderRadius: 4,
            lineHeight: '20px',
            fontSize: 12,
            background: active === s ? '#e6f4ff' : 'transparent',
            textAlign: 'left',
          }}
        >
          <span
            aria-hidden
            style={{
              width: 12,
              height: 12,
              flex: 'none',
              borderRadius: 6,
              background: PROJECT_STATUS_COLORS[s],
              border: '2px solid #fff',
              boxShadow: '0 0 0 1px rgba(0,0,0,.2)',
            }}
          />
          <span>{PROJECT_STATUS_LABELS[s]}</span>
          <span style={{ color: 'rgba(0,0,0,.45)', marginInlineStart: 'auto', paddingInlineStart: 8 }}>{counts.get(s) ?? 0}</span>
        </button>
      ))}
    </div>
  );
}

export default function ProjectsPage() {
  const navigate = useNavigate();
  const { data: session } = useSession();
  const { filters, setFilters, resetFilters } = useTableState(FILTER_KEYS);
  const screens = Grid.useBreakpoint();
  const floating = !!screens.md;
  const canManage = hasPermission(session, 'projects.manage');
  const readsAll = hasPermission(session, 'projects.read');
  const [editing, setEditing] = useState<'new' | null>(null);
  const [exporting, setExporting] = useState(false);

  // The legend counts every status, so the status filter is applied here rather than by the server.
  const query = {
    q: filters.q,
    type: filters.type as ProjectType | undefined,
    regionId: filters.regionId,
    unitId: filters.unitId,
  };
  const list = useProjects(query);
  const all = useMemo(() => list.data?.items ?? [], [list.data]);
  const shown = useMemo(() => (filters.status ? all.filter((p) => p.status === filters.status) : all), [all, filters.status]);
  const located = useMemo(() => shown.filter((p): p is LocatedProject => p.lat !== null && p.lng !== null), [shown]);
  const allLocated = useMemo(() => all.filter((p): p is LocatedProject => p.lat !== null && p.lng !== null), [all]);
  const counts = useMemo(() => {
    const m = new Map<ProjectStatus, number>();
    all.forEach((p) => m.set(p.status, (m.get(p.status) ?? 0) + 1));
    return m;
  }, [all]);
  const filtered = FILTER_KEYS.some((k) => filters[k]);

  const exportLedger = async () => {
    setExporting(true);
    try {
      await downloadProjects({ ...query, status: filters.status as ProjectStatus | undefined });
    } catch (error) {
      notifyError(error);
    } finally {
      setExporting(false);
    }
  };

  const overdue = counts.get('overdue') ?? 0;
  const subTitle = list.data
    ? `共 ${all.length} 个项目${overdue ? `，${overdue} 个逾期未交账` : ''}${
        shown.length - located.length > 0 ? `，${shown.length - located.length} 个未标注位置` : ''
      }`
    : '挂图作战：项目分布、进度状态与交账倒计时';

  return (
    <>
      <PageTitle
        title="项目作战图"
        subTitle={subTitle}
        extra={
          <>
            {readsAll && (
              <Button icon={<DownloadOutlined aria-hidden />} loading={exporting} onClick={exportLedger}>
                导出项目台账
              </Button>
            )}
            {canManage && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
                新建项目
              </Button>
            )}
          </>
        }
      />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12, alignItems: 'center' }}>
        <SearchBox label="搜索项目" placeholder="项目名称、地址" value={filters.q} onSearch={(q) => setFilters({ q })} width={200} />
        <Select
          aria-label="筛选项目类型"
          placeholder="项目类型"
          allowClear
          value={filters.type}
          onChange={(v) => setFilters({ type: v })}
          options={PROJECT_TYPES.map((t) => ({ value: t.code, label: t.name }))}
          popupMatchSelectWidth={false}
          style={{ width: 140 }}
        />
        <Select
          aria-label="筛选进度状态"
          placeholder="进度状态"
          allowClear
          value={filters.status}
          onChange={(v) => setFilters({ status: v })}
          options={PROJECT_STATUSES.map((s) => ({ value: s, label: PROJECT_STATUS_LABELS[s] }))}
          popupMatchSelectWidth={false}
          style={{ width: 140 }}
        />
        {readsAll && (
          <RegionTreeSelect
            aria-label="筛选所在区域"
            placeholder="所在区域"
            value={filters.regionId}
            onChange={(v) => setFilters({ regionId: v === undefined ? undefined : String(v) })}
            style={{ width: 160 }}
          />
        )}
        {readsAll && hasPermission(session, 'units.list') && (
          <UnitSelect
            aria-label="筛选责任单位"
            placeholder="责任单位"
            value={filters.unitId}
            onChange={(v) => setFilters({ unitId: v === undefined || Array.isArray(v) ? undefined : String(v) })}
            style={{ width: 200 }}
          />
        )}
        {filtered && <Button onClick={resetFilters}>重置</Button>}
      </div>

      {list.isPending ? (
        <div style={{ height: 420, display: 'grid', placeItems: 'center' }}>
          <Spin aria-label="加载中" />
        </div>
      ) : all.length === 0 && !filtered ? (
        <Card variant="borderless">
          <Empty style={{ padding: '48px 0' }} description={canManage ? '还没有项目：新建项目后在地图上挂图作战、倒排交账' : '暂无项目'}>
            {canManage && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
                新建项目
              </Button>
            )}
          </Empty>
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={15}>
            <Card variant="borderless" styles={{ body: { padding: 8 } }}>
              {located.length === 0 ? (
                <Empty
                  style={{ padding: '64px 0' }}
                  description={shown.length ? '这些项目都未标注位置：编辑项目填写经纬度' : '没有符合条件的项目'}
                />
              ) : (
                <div style={{ position: 'relative' }}>
                  <Suspense
                    fallback={
                      <div style={{ height: 420, display: 'grid', placeItems: 'center' }}>
                        <Spin aria-label="地图加载中" />
                      </div>
                    }
                  >
                    <BattleMap
                      projects={located}
                      onOpen={(id) => navigate(`/projects/${id}`)}
                      height={floating ? 'max(460px, calc(100vh - 300px))' : 360}
                    />
                  </Suspense>
                  <Legend counts={counts} active={filters.status} floating={floating} onPick={(status) => setFilters({ status })} />
                </div>
              )}
            </Card>
          </Col>
          <Col xs={24} lg={9}>
            <Card
              variant="borderless"
              title={
                <span>
                  交账倒计时
                  <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal', marginInlineStart: 8 }}>
                    按距交账天数排序
                  </Typography.Text>
                </span>
              }
              styles={{
                body: { padding: 8, background: '#fafafa', maxHeight: floating ? 'calc(100vh - 300px)' : undefined, overflowY: 'auto' },
              }}
            >
              <CountdownBoard projects={shown} />
            </Card>
          </Col>
        </Row>
      )}

      <ProjectFormDrawer project={editing} onClose={() => setEditing(null)} around={allLocated} />
    </>
  );
}
