/** The changed fields of one audit event, before → after. */
import { Table, Typography } from 'antd';
import type { AuditEvent } from '../../api/audit';

function show(value: unknown) {
  if (value === null || value === undefined || value === '') return <Typography.Text type="secondary">（空）</Typography.Text>;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return <span style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>{text}</span>;
}

/** Expanded row content. */
export function AuditChanges({ event }: { event: AuditEvent }) {
  const rows = Object.entries(event.changes ?? {}).map(([field, [before, after]]) => ({ field, before, after }));
  return (
    <div style={{ maxWidth: 960 }}>
      {rows.length > 0 && (
        <Table
          size="small"
          rowKey="field"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: '字段', dataIndex: 'field', width: 160, render: (f: string) => <code>{f}</code> },
            { title: '修改前', dataIndex: 'before', render: show },
            { title: '', key: 'arrow', width: 32, render: () => '→' },
            { title: '修改后', dataIndex: 'after', render: show },
          ]}
        />
      )}
      {event.userAgent && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          客户端：{event.userAgent}
        </Typography.Paragraph>
      )}
    </div>
  );
}
