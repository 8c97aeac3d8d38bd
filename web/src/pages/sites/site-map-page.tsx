/** 点位地图: every site in scope as a circle coloured by type, with a legend (lazy route: Leaflet stays out of the main bundle). */
import { UnorderedListOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Grid, Spin } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { useNavigate } from 'react-router';
import { hasPermission, useSession } from '../../api/auth';
import { useSiteMap } from '../../api/sites';
import type { LocatedSite } from '../../components/site-map';
import { PageTitle } from '../../components/page-title';
import { useTableState } from '../../components/use-table-state';
import { SiteFilters } from './site-filters';
import { useSiteTypeStyle } from './site-type-colors';

const SiteMap = lazy(() => import('../../components/site-map'));
const FILTER_KEYS = ['search', 'siteTypeCode', 'unitId', 'active'] as const;

interface LegendProps {
  entries: { code: string; name: string; color: string; count: number }[];
  active?: string;
  /** Over the map's corner (desktop) or as a wrapped list under it (phones). */
  floating: boolean;
  onPick: (code: string | undefined) => void;
}

const FLOATING: React.CSSProperties = {
  position: 'absolute',
  top: 12,
  right: 12,
  zIndex: 1000,
  maxHeight: 'calc(100% - 24px)',
  overflowY: 'auto',
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

function Legend({ entries, active, floating, onPick }: LegendProps) {
  return (
    <div role="group" aria-label="图例" style={{ ...(floating ? FLOATING : BELOW), fontSize: 12 }}>
      <div style={{ fontWeight: 600, marginBottom: 2, gridColumn: '1 / -1' }}>图例（点击筛选）</div>
      {entries.map((e) => (
        <button
          key={e.code}
          type="button"
          aria-pressed={active === e.code}
          aria-label={`${e.name} ${e.count} 个`}
          onClick={() => onPick(active === e.code ? undefined : e.code)}
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: 6,
            width: '100%',
            border: 0,
            cursor: 'pointer',
            padding: '1px 4px',
            borderRadius: 4,
            lineHeight: '20px',
            fontSize: 12,
            background: active === e.code ? '#e6f4ff' : 'transparent',
            textAlign: 'left',
          }}
        >
          <span
            aria-hidden
            style={{
              width: 11,
              height: 11,
              flex: 'none',
              borderRadius: 6,
              background: e.color,
              border: '2px solid #fff',
              boxShadow: '0 0 0 1px rgba(0,0,0,.2)',
            }}
          />
          <span>{e.name}</span>
          <span style={{ color: 'rgba(0,0,0,.45)', marginInlineStart: 'auto', paddingInlineStart: 8 }}>{e.count}</span>
        </button>
      ))}
    </div>
  );
}

/** Map page. */
export default function SiteMapPage() {
  const navigate = useNavigate();
  const { data: session } = useSession();
  const table = useTableState(FILTER_KEYS);
  const { filters, setFilters } = table;
  const style = useSiteTypeStyle();
  const floating = !!Grid.useBreakpoint().md;
  // The legend counts every type, so the type filter is applied here rather than by the server.
  const all = useSiteMap({ search: filters.search, unitId: filters.unitId, active: filters.active as 'true' | 'false' | undefined });
  const located = useMemo(() => (all.data?.items ?? []).filter((s): s is LocatedSite => !!s.location), [all.data]);
  const shown = useMemo(
    () => (filters.siteTypeCode ? located.filter((s) => s.siteTypeCode === filters.siteTypeCode) : located),
    [located, filters.siteTypeCode],
  );
  const legend = useMemo(() => {
    const counts = new Map<string, number>();
    located.forEach((s) => counts.set(s.siteTypeCode, (counts.get(s.siteTypeCode) ?? 0) + 1));
    return style.types
      .filter((t) => counts.has(t.code))
      .map((t) => ({ code: t.code, name: t.short || t.name, color: style.colorOf(t.code), count: counts.get(t.code)! }));
  }, [located, style]);
  const total = all.data?.total ?? 0;

  return (
    <>
      <PageTitle
        title="点位地图"
        subTitle={
          all.data
            ? `共 ${total} 个点位，${located.length} 个有坐标${filters.siteTypeCode ? `，显示 ${shown.length} 个` : ''}`
            : '按点位类型着色的点位分布'
        }
        extra={
          <Button icon={<UnorderedListOutlined aria-hidden />} onClick={() => navigate('/sites')}>
            点位列表
          </Button>
        }
      />
      <Card variant="borderless" styles={{ body: { padding: 8 } }}>
        <SiteFilters
          filters={filters}
          showRegion={false}
          showUnit={hasPermission(session, 'units.list')}
          showMine={false}
          onChange={setFilters}
          onReset={table.resetFilters}
          style={{ margin: '4px 4px 12px' }}
        />
        {all.isPending ? (
          <div style={{ height: 420, display: 'grid', placeItems: 'center' }}>
            <Spin aria-label="加载中" />
          </div>
        ) : located.length === 0 ? (
          <Empty style={{ padding: '64px 0' }} description="暂无带坐标的点位：在点位中填写经纬度或使用当前位置" />
        ) : (
          <div style={{ position: 'relative' }}>
            <Suspense
              fallback={
                <div style={{ height: 420, display: 'grid', placeItems: 'center' }}>
                  <Spin aria-label="地图加载中" />
                </div>
              }
            >
              <SiteMap
                sites={shown}
                colorOf={style.colorOf}
                onOpen={(id) => navigate(`/sites/${id}`)}
                height={floating ? undefined : 'max(360px, calc(100vh - 420px))'}
              />
            </Suspense>
            <Legend
              entries={legend}
              active={filters.siteTypeCode}
              floating={floating}
              onPick={(code) => setFilters({ siteTypeCode: code })}
            />
          </div>
        )}
      </Card>
    </>
  );
}
