/** 点位管理: filter by type, region, unit, status; paged sortable table; drawer form; import/export; map link. */
import { GlobalOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { hasPermission, useSession } from '../../api/auth';
import { useSites, type Site, type SiteFilters as SiteFilterParams } from '../../api/sites';
import { ExportButton } from '../../components/export-button';
import { ImportButton } from '../../components/import-dialog';
import { PageTitle } from '../../components/page-title';
import { useTableState } from '../../components/use-table-state';
import { SITE_FILTER_KEYS, SiteFilters } from './site-filters';
import { SiteFormDrawer } from './site-form-drawer';
import { SitesTable } from './sites-table';

/** Sites page. */
export default function SitesPage() {
  const { data: session } = useSession();
  const navigate = useNavigate();
  const table = useTableState(SITE_FILTER_KEYS);
  const query = { ...table.filters, ...table.params } as SiteFilterParams;
  const sites = useSites(query);
  const [editing, setEditing] = useState<Site | 'new' | null>(null);
  const { page: _page, pageSize: _size, ...exportParams } = query;
  const mapQuery = new URLSearchParams(Object.entries(table.filters).filter((e): e is [string, string] => !!e[1])).toString();

  return (
    <>
      <PageTitle
        title="点位管理"
        subTitle="实地考察点位：点位类型、包保单位与点长责任制"
        extra={
          <>
            <Button icon={<GlobalOutlined aria-hidden />} onClick={() => navigate(`/sites/map${mapQuery ? `?${mapQuery}` : ''}`)}>
              点位地图
            </Button>
            {hasPermission(session, 'sites.import') && <ImportButton kind="sites" title="点位" />}
            {hasPermission(session, 'sites.export') && <ExportButton path="/api/sites/export" params={exportParams} fileName="点位.xlsx" />}
            {hasPermission(session, 'sites.create') && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
                新增点位
              </Button>
            )}
          </>
        }
      />
      <Card variant="borderless">
        <SiteFilters
          filters={table.filters}
          showRegion={hasPermission(session, 'regions.list')}
          showUnit={hasPermission(session, 'units.list')}
          showMine={!!session?.user.roles.includes('site_lead')}
          onChange={table.setFilters}
          onReset={table.resetFilters}
        />
        <SitesTable data={sites.data} loading={sites.isFetching} table={table} onEdit={setEditing} />
      </Card>
      <SiteFormDrawer site={editing} onClose={() => setEditing(null)} />
    </>
  );
}
