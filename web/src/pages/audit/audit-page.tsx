/** 审计日志 (审计管理员): filters, table with expandable before → after, export and chain verification. */
import { Card, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { hasPermission, useSession } from '../../api/auth';
import { useAuditEvents, type AuditEvent, type AuditFilters } from '../../api/audit';
import { ExportButton } from '../../components/export-button';
import { formatSeconds, orDash } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { useTableState } from '../../components/use-table-state';
import { AuditChanges } from './audit-changes';
import { AuditFilterBar, AUDIT_FILTER_KEYS } from './audit-filter-bar';
import { VerifyChainButton } from './verify-chain-button';
import { AnchorStatusLine } from './anchor-status';

const columns: TableColumnsType<AuditEvent> = [
  { title: '序号', dataIndex: 'id', width: 80 },
  { title: '时间', dataIndex: 'occurredAt', width: 170, render: formatSeconds },
  { title: '操作人', dataIndex: 'actorName', render: orDash },
  {
    title: '操作',
    dataIndex: 'actionLabel',
    render: (label: string, e) => (
      <Tooltip title={e.action}>
        <Tag>{label}</Tag>
      </Tooltip>
    ),
  },
  { title: '对象类型', dataIndex: 'subjectTypeLabel' },
  {
    title: '对象',
    dataIndex: 'subjectId',
    render: (v: string | null, e) =>
      e.subjectName ? (
        <Tooltip title={v}>
          <span>{e.subjectName}</span>
        </Tooltip>
      ) : v ? (
        <code style={{ fontSize: 12 }}>{v}</code>
      ) : (
        '—'
      ),
    responsive: ['lg'],
  },
  { title: 'IP', dataIndex: 'ip', render: orDash, responsive: ['md'] },
];

const hasChanges = (e: AuditEvent) => !!e.changes && Object.keys(e.changes).length > 0;

/** Audit page. */
export default function AuditPage() {
  const { data: session } = useSession();
  const table = useTableState(AUDIT_FILTER_KEYS);
  const query = { ...table.filters, ...table.params } as AuditFilters;
  const events = useAuditEvents(query);
  const { page: _p, pageSize: _s, sort: _o, order: _d, ...exportParams } = query;

  return (
    <>
      <PageTitle
        title="审计日志"
        subTitle="谁在何时做了什么；日志以哈希链防篡改，只读"
        extra={
          <>
            {hasPermission(session, 'audit.verify') && <VerifyChainButton />}
            {hasPermission(session, 'audit.export') && (
              <ExportButton path="/api/audit-events/export" params={exportParams} fileName="审计日志.xlsx" />
            )}
          </>
        }
      />
      {hasPermission(session, 'audit.verify') && (
        <div style={{ marginBottom: 12 }}>
          <AnchorStatusLine />
        </div>
      )}
      <Card variant="borderless">
        <AuditFilterBar filters={table.filters} onChange={table.setFilters} onReset={table.resetFilters} />
        <Table<AuditEvent>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={events.data?.items ?? []}
          loading={events.isFetching}
          onChange={table.onChange}
          pagination={table.pagination(events.data?.total)}
          locale={{ emptyText: '没有符合条件的审计记录' }}
          scroll={{ x: 'max-content' }}
          expandable={{
            rowExpandable: (e) => hasChanges(e) || !!e.userAgent,
            expandedRowRender: (e) => <AuditChanges event={e} />,
          }}
        />
      </Card>
    </>
  );
}
