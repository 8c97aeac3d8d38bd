/** Why an import was refused: the server's message and every bad row (行, 列, 原因), shared by every import dialog. */
import { Alert, Space, Table } from 'antd';
import type { ImportRowError } from '../api/client';

const ROW_COLUMNS = [
  { title: '行', dataIndex: 'row', width: 64 },
  { title: '列', dataIndex: 'column', width: 120, render: (v?: string) => v || '—' },
  { title: '原因', dataIndex: 'message' },
];

export interface ImportFailure {
  message: string;
  rows: ImportRowError[];
}

export function ImportErrors({ failure }: { failure: ImportFailure }) {
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }} role="region" aria-label="导入错误">
      <Alert type="error" showIcon title={failure.message} />
      {failure.rows.length > 0 && (
        <Table
          size="small"
          rowKey={(r) => `${r.row}-${r.column ?? ''}-${r.message}`}
          columns={ROW_COLUMNS}
          dataSource={failure.rows}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ y: 260 }}
        />
      )}
    </Space>
  );
}
