/** 版本对比: pick a base version; what this version added, removed and changed (field by field, before → after). */
import { ArrowRightOutlined } from '@ant-design/icons';
import { STANDARD_METHOD_LABELS } from '@common/inspections';
import { labelOf } from '@common/labels';
import { Alert, Card, Empty, Space, Spin, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useVersionDiff, type DiffChange, type VersionTree } from '../../api/standards';
import type { Id } from '../../api/types';
import { VersionSelect } from './version-select';

interface Props {
  version: VersionTree;
  other?: Id;
  onOther: (id: Id | undefined) => void;
  siteTypeNames: Map<string, string>;
}

/** A diff value as text (methods, site types and units by name; 是/否). */
function show(field: string, value: unknown, siteTypeNames: Map<string, string>): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === '测评方法') return labelOf(STANDARD_METHOD_LABELS, String(value));
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) {
    if (!value.length) return '—';
    return value
      .map((v) =>
        typeof v === 'object' && v && 'name' in v
          ? String((v as { name: string }).name)
          : field === '适用点位类型'
            ? (siteTypeNames.get(String(v)) ?? String(v))
            : String(v),
      )
      .join('、');
  }
  return String(value);
}

const listColumns = [
  { title: '编码', dataIndex: 'code', width: 140 },
  { title: '测评标准', dataIndex: 'text' },
];

/** The diff tab. */
export function VersionDiffView({ version, other, onOther, siteTypeNames }: Props) {
  const diff = useVersionDiff(other, other === undefined ? undefined : version.id);
  const data = diff.data;

  const changedColumns: TableColumnsType<DiffChange> = [
    { title: '编码', dataIndex: 'code', width: 140, render: (c: string) => <Typography.Text strong>{c}</Typography.Text> },
    {
      title: '变更内容（基准 → 本版本）',
      key: 'fields',
      render: (_, c) => (
        <Space orientation="vertical" size={6} style={{ width: '100%' }}>
          {c.fields.map((f) => {
            const before = show(f.field, f.before, siteTypeNames);
            const after = show(f.field, f.after, siteTypeNames);
            // Long texts read better one above the other than side by side.
            const long = before.length + after.length > 40;
            return (
              <div key={f.field}>
                <Typography.Text type="secondary">{f.field}：</Typography.Text>
                <Typography.Text delete type="danger" style={long ? { display: 'block' } : undefined}>
                  {before}
                </Typography.Text>
                {!long && <ArrowRightOutlined aria-label="改为" style={{ margin: '0 8px', color: 'rgba(0,0,0,.45)' }} />}
                <Typography.Text type="success" style={long ? { display: 'block' } : undefined}>
                  {long && <ArrowRightOutlined aria-label="改为" style={{ marginInlineEnd: 6 }} />}
                  {after}
                </Typography.Text>
              </div>
            );
          })}
        </Space>
      ),
    },
  ];

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginBottom: 16 }}>
        <Typography.Text>对比基准：</Typography.Text>
        <VersionSelect aria-label="对比基准版本" placeholder="选择要对比的版本" value={other} onChange={onOther} exclude={version.id} />
      </div>
      {other === undefined ? (
        <Empty description="选择一个版本（如上一年度的版本），查看本版本相对它新增、删除和修改的测评标准" style={{ padding: '32px 0' }} />
      ) : diff.isPending ? (
        <div style={{ padding: 48, textAlign: 'center' }}>
          <Spin aria-label="加载中" />
        </div>
      ) : !data ? null : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 32 }}>
            <Statistic title="新增" value={data.added.length} suffix="条" styles={{ content: { color: '#389e0d' } }} />
            <Statistic title="删除" value={data.removed.length} suffix="条" styles={{ content: { color: '#cf1322' } }} />
            <Statistic title="修改" value={data.changed.length} suffix="条" styles={{ content: { color: '#d48806' } }} />
          </div>
          {!data.added.length && !data.removed.length && !data.changed.length && (
            <Alert type="info" showIcon title="两个版本的测评标准完全相同" />
          )}
          {data.added.length > 0 && (
            <Card size="small" title={`新增的测评标准（${data.added.length}）`}>
              <Table
                size="small"
                rowKey="code"
                columns={listColumns}
                dataSource={data.added}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
              />
            </Card>
          )}
          {data.removed.length > 0 && (
            <Card size="small" title={`删除的测评标准（${data.removed.length}）`}>
              <Table
                size="small"
                rowKey="code"
                columns={listColumns}
                dataSource={data.removed}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
              />
            </Card>
          )}
          {data.changed.length > 0 && (
            <Card size="small" title={`修改的测评标准（${data.changed.length}）`}>
              <Table
                size="small"
                rowKey="code"
                columns={changedColumns}
                dataSource={data.changed}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                scroll={{ x: 560 }}
              />
            </Card>
          )}
        </Space>
      )}
    </>
  );
}
