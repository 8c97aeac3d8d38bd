/** The changed fields of one audit event in words (labels, names, values as the server describes them), before → after. */
import { Table, Tooltip, Typography } from 'antd';
import type { AuditEvent } from '../../api/audit';

function show(value: string | null) {
  if (value === null || value === '' || value === '（空）') return <Typography.Text type="secondary">（空）</Typography.Text>;
  return <span style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>{value}</span>;
}

/** Expanded row content. */
export function AuditChanges({ event }: { event: AuditEvent }) {
  const rows = event.details ?? [];
  return (
    <div style={{ maxWidth: 960 }}>
      {rows.length > 0 && (
        <Table
          size="small"
          rowKey="field"
          pagination={false}
          dataSource={rows}
          columns={[
            {
              title: '字段',
              dataIndex: 'label',
              width: 160,
              render: (label: string, r) => (
                <Tooltip title={r.field}>
                  <span>{label}</span>
                </Tooltip>
              ),
            },
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
