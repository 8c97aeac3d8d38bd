/** 督查管理: rounds in scope (covert ones only for those who may know), filters, 新建轮次. */
import { PlusOutlined } from '@ant-design/icons';
import { ROUND_KINDS, ROUND_KIND_LABELS } from '@common/inspections';
import { Button, Card } from 'antd';
import { useState } from 'react';
import { hasPermission, useSession } from '../../api/auth';
import { useRounds, type RoundFilters } from '../../api/inspections';
import { PageTitle } from '../../components/page-title';
import { CampaignSelect } from '../../components/remote-select';
import { useTableState } from '../../components/use-table-state';
import { CreateRoundDrawer } from './create-round-drawer';
import { RoundsTable } from './rounds-table';
import { FilterSelect } from '../../components/table-filters';

const FILTER_KEYS = ['kind', 'campaignId', 'mine'] as const;

/** Rounds page. */
export default function RoundsPage() {
  const { data: session } = useSession();
  const table = useTableState(FILTER_KEYS);
  const { filters } = table;
  const rounds = useRounds({ ...filters, page: table.params.page, pageSize: table.params.pageSize } as RoundFilters);
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageTitle
        title="督查管理"
        subTitle="日常督查、专项督查、暗访、模拟测评和回头看"
        extra={
          hasPermission(session, 'inspections.create') && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              新建轮次
            </Button>
          )
        }
      />
      <Card variant="borderless">
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
          <FilterSelect
            table={table}
            name="kind"
            label="筛选督查类型"
            placeholder="督查类型"
            width={140}
            options={ROUND_KINDS.map((k) => ({ value: k, label: ROUND_KIND_LABELS[k] }))}
          />
          <CampaignSelect
            aria-label="筛选创建项目"
            value={filters.campaignId}
            onChange={(v) => table.setFilters({ campaignId: v === undefined ? undefined : String(v) })}
            style={{ width: 260, maxWidth: '100%' }}
          />
          <FilterSelect
            table={table}
            name="mine"
            label="筛选参与情况"
            placeholder="全部轮次"
            width={120}
            options={[{ value: 'true', label: '我参与的' }]}
          />
          <Button onClick={table.resetFilters}>重置</Button>
        </div>
        <RoundsTable data={rounds.data} loading={rounds.isFetching} table={table} />
      </Card>
      <CreateRoundDrawer open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
