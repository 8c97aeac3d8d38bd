/** One 测评内容's standards: code, text, method, points, site types, lead and responsible units, 负面清单. */
import { Grid, List, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { Standard } from '../../api/standards';
import { orDash } from '../../components/format';
import { MethodTag, NegativeTag } from './standard-tags';

interface Props {
  standards: Standard[];
  siteTypeNames: Map<string, string>;
}

/** Phones: one block per standard instead of a wide table. */
function StandardsList({ standards, siteTypeNames }: Props) {
  return (
    <List
      size="small"
      dataSource={standards}
      renderItem={(s) => (
        <List.Item style={{ display: 'block', paddingInline: 0 }}>
          <Space size={6} wrap>
            <Typography.Text strong>{s.code}</Typography.Text>
            <MethodTag method={s.method} />
            <Typography.Text type="secondary">{s.points} 分</Typography.Text>
            {s.negative && <NegativeTag />}
          </Space>
          <div style={{ margin: '4px 0' }}>{s.text}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.siteTypeCodes.length > 0 && <>点位类型：{s.siteTypeCodes.map((c) => siteTypeNames.get(c) ?? c).join('、')}；</>}
            牵头：{orDash(s.leadUnitName)}
            {s.units.length > 0 && <>；责任：{s.units.map((u) => u.name).join('、')}</>}
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}

/** Standards table (no paging: a 测评内容 holds a handful). */
export function StandardsTable({ standards, siteTypeNames }: Props) {
  const screens = Grid.useBreakpoint();
  if (screens.md === false) return <StandardsList standards={standards} siteTypeNames={siteTypeNames} />;
  const columns: TableColumnsType<Standard> = [
    {
      title: '编码',
      dataIndex: 'code',
      key: 'code',
      width: 150,
      render: (code: string) => (
        <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
          {code}
        </Typography.Text>
      ),
    },
    {
      title: '测评标准',
      dataIndex: 'text',
      key: 'text',
      render: (text: string, s) => (
        <span>
          {s.negative && <NegativeTag />} {text}
        </span>
      ),
    },
    { title: '测评方法', dataIndex: 'method', key: 'method', width: 88, render: (m: string) => <MethodTag method={m} /> },
    { title: '分值', dataIndex: 'points', key: 'points', width: 56, align: 'right' },
    {
      title: '适用点位类型',
      dataIndex: 'siteTypeCodes',
      key: 'siteTypes',
      width: 120,
      responsive: ['md'],
      render: (codes: string[]) =>
        codes.length ? (
          <span style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
            {codes.map((c) => (
              <Tag key={c} style={{ marginInlineEnd: 0 }}>
                {siteTypeNames.get(c) ?? c}
              </Tag>
            ))}
          </span>
        ) : (
          '—'
        ),
    },
    { title: '牵头单位', dataIndex: 'leadUnitName', key: 'lead', width: 120, render: orDash },
    {
      title: '责任单位',
      dataIndex: 'units',
      key: 'units',
      width: 160,
      responsive: ['lg'],
      render: (units: Standard['units']) => (units.length ? units.map((u) => u.name).join('、') : '—'),
    },
  ];
  return <Table<Standard> rowKey="id" size="small" columns={columns} dataSource={standards} pagination={false} scroll={{ x: 980 }} />;
}
