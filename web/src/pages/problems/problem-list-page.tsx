/** 问题列表: every problem in scope with filters in the URL, paging, sorting and the 整改台账 export. */
import { AimOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useNavigate } from 'react-router';
import { hasPermission, useSession } from '../../api/auth';
import { useProblems, type ProblemListParams } from '../../api/problems';
import { ExportButton } from '../../components/export-button';
import { PageTitle } from '../../components/page-title';
import { useTableState } from '../../components/use-table-state';
import { PROBLEM_FILTER_KEYS, ProblemFilters, toServerFilters } from './problem-filters';
import { ProblemsTable } from './problems-table';

/** List page. */
export default function ProblemListPage() {
  const { data: session } = useSession();
  const navigate = useNavigate();
  const table = useTableState(PROBLEM_FILTER_KEYS);
  const filters = toServerFilters(table.filters);
  const query: ProblemListParams = { ...filters, ...table.params };
  const problems = useProblems(query);
  const unitRow = table.filters.unitId ? problems.data?.items.find((p) => p.unitId === table.filters.unitId) : undefined;

  return (
    <>
      <PageTitle
        title="问题列表"
        subTitle="上报、督查、暗访、热线等来源的全部问题"
        extra={
          <>
            <Button icon={<AimOutlined aria-hidden />} onClick={() => navigate('/problems/map')}>
              地图查看
            </Button>
            {hasPermission(session, 'problems.export') && (
              <ExportButton path="/api/problems/export" params={filters} fileName="整改台账.xlsx" />
            )}
          </>
        }
      />
      <Card variant="borderless">
        <ProblemFilters
          filters={table.filters}
          showUnit={hasPermission(session, 'units.list')}
          showRegion={hasPermission(session, 'regions.list')}
          unitOption={unitRow?.unitId ? { id: unitRow.unitId, name: unitRow.unitName ?? '' } : undefined}
          onChange={table.setFilters}
          onReset={table.resetFilters}
        />
        <ProblemsTable data={problems.data} loading={problems.isFetching} table={table} />
      </Card>
    </>
  );
}
