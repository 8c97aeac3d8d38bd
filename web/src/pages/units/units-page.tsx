/** 单位管理: search, filter by type and region, paged sortable table, drawer form, import/export. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useState } from 'react';
import { hasPermission, useSession } from '../../api/auth';
import { useUnits, type Unit, type UnitFilters as UnitFilterParams } from '../../api/units';
import { ExportButton } from '../../components/export-button';
import { ImportButton } from '../../components/import-dialog';
import { PageTitle } from '../../components/page-title';
import { useTableState } from '../../components/use-table-state';
import { UnitFilters } from './unit-filters';
import { UnitFormDrawer } from './unit-form-drawer';
import { UnitsTable } from './units-table';

const FILTER_KEYS = ['search', 'type', 'regionId', 'active'] as const;

/** Units page. */
export default function UnitsPage() {
  const { data: session } = useSession();
  const table = useTableState(FILTER_KEYS);
  const query = { ...table.filters, ...table.params } as UnitFilterParams;
  const units = useUnits(query);
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const { page: _page, pageSize: _size, ...exportParams } = query;

  return (
    <>
      <PageTitle
        title="单位管理"
        subTitle="县直部门、乡镇街道、村社区等责任单位"
        extra={
          <>
            {hasPermission(session, 'units.import') && <ImportButton kind="units" title="单位" />}
            {hasPermission(session, 'units.export') && <ExportButton path="/api/units/export" params={exportParams} fileName="单位.xlsx" />}
            {hasPermission(session, 'units.create') && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
                新增单位
              </Button>
            )}
          </>
        }
      />
      <Card variant="borderless">
        <UnitFilters
          filters={table.filters}
          showRegion={hasPermission(session, 'regions.list')}
          onChange={table.setFilters}
          onReset={table.resetFilters}
        />
        <UnitsTable data={units.data} loading={units.isFetching} table={table} onEdit={(unit) => setEditing(unit)} />
      </Card>
      <UnitFormDrawer unit={editing} onClose={() => setEditing(null)} />
    </>
  );
}
