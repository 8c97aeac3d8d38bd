/**
 * One group of a month's ranking: antd's table on a desktop (sortable, each row opening to its indicators and the
 * records behind them), cards on a phone (rank, score, lists; a tap opens the subject's 考核档案). A unit subject links
 * to its 考核档案 (trend, what cost it points); a county subject (a city's scheme) to that county's own rankings.
 */
import { EVALUATION_PROPOSAL_LABELS } from '@common/evaluation-workflow';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { ResultItem, RunResults } from '../../api/evaluation';
import { ResponsiveList } from '../../components/responsive-list';

export const fmt = (n: number | null | undefined, digits = 2) =>
  n === null || n === undefined ? '—' : Number(n.toFixed(digits)).toString();

/** An indicator's value as people read it: rates (stored as fractions) in per cent. */
export function valueText(value: number | null, unit: string, code?: string): string {
  if (value === null) return code === 'manual.score' ? '未录入（不得分）' : '无数据';
  if (unit === '%') return `${fmt(value * 100, 1)}%`;
  return `${fmt(value)} ${unit}`;
}

function IndicatorTable({ item, onSources }: { item: ResultItem; onSources: () => void }) {
  return (
    <div>
      <Table
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={item.indicators}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '指标', dataIndex: 'name' },
          { title: '数值', render: (_: unknown, i) => valueText(i.value, i.unit, i.code) },
          {
            title: '计算',
            render: (_: unknown, i) =>
              i.numerator !== null && i.denominator !== null ? `${fmt(i.numerator)} / ${fmt(i.denominator)}` : '—',
          },
          { title: '得分', dataIndex: 'points', render: (p: number) => fmt(p) },
          { title: '', dataIndex: 'vetoed', render: (v: boolean) => (v ? <Tag color="black">一票否决</Tag> : null) },
        ]}
      />
      {item.adjustment !== 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          计算得分 {fmt(item.computedScore)}，申诉调整 {item.adjustment > 0 ? '+' : ''}
          {fmt(item.adjustment)}，最终得分 {fmt(item.score)}
        </Typography.Paragraph>
      )}
      <Button size="small" onClick={onSources} style={{ marginTop: 8 }}>
        数据来源
      </Button>
    </div>
  );
}

function ListTags({ item }: { item: ResultItem }) {
  return (
    <Space size={4} wrap>
      {item.list === 'red' && <Tag color="red">红榜</Tag>}
      {item.list === 'black' && <Tag color="black">黑榜</Tag>}
      {item.veto && <Tag color="volcano">一票否决</Tag>}
      {item.proposal && <Tag color="magenta">建议{EVALUATION_PROPOSAL_LABELS[item.proposal]}</Tag>}
    </Space>
  );
}

type Group = RunResults['groups'][number];

export function RankingGroup({
  group,
  period,
  onSources,
  onObject,
}: {
  group: Group;
  period: string;
  onSources: (item: ResultItem) => void;
  onObject?: (item: ResultItem) => void;
}) {
  const county = group.subjectType === 'county';
  const subjectLink = (item: ResultItem) => `/evaluation/subjects/${item.subjectId}`;
  return (
    <Card variant="borderless" title={group.name} style={{ marginBottom: 16 }}>
      <ResponsiveList<ResultItem>
        rowKey="subjectId"
        size="middle"
        dataSource={group.items}
        pagination={group.items.length > 50 ? { pageSize: 50, showTotal: (t) => `共 ${t} 个` } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '本组没有考核对象' }}
        expandable={{ expandedRowRender: (item) => <IndicatorTable item={item} onSources={() => onSources(item)} /> }}
        card={(item) => (
          <div>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <strong>
                第 {item.rank} 名 · {item.subjectName}
              </strong>
              <strong>{fmt(item.score)} 分</strong>
            </div>
            <div style={{ marginTop: 4 }}>
              <ListTags item={item} />
              {item.blackStreak > 1 && <Typography.Text type="danger"> 连续 {item.blackStreak} 个月黑榜</Typography.Text>}
            </div>
          </div>
        )}
        cardHref={subjectLink}
        cardLabel={(item) => `查看${item.subjectName}的考核档案`}
        cardActions={(item) => (
          <>
            <Button onClick={() => onSources(item)}>数据来源</Button>
            {county && <Link to={`/evaluation?regionId=${item.subjectId}&period=${period}`}>查看该县排名</Link>}
            {onObject && <Button onClick={() => onObject(item)}>提出申诉</Button>}
          </>
        )}
        columns={[
          { title: '排名', dataIndex: 'rank', sorter: (a, b) => a.rank - b.rank, defaultSortOrder: 'ascend', width: 80 },
          {
            title: '考核对象',
            dataIndex: 'subjectName',
            render: (name: string, item) => (
              <Space size={8} wrap>
                <Link to={subjectLink(item)}>{name}</Link>
                {county && <Link to={`/evaluation?regionId=${item.subjectId}&period=${period}`}>查看该县排名</Link>}
              </Space>
            ),
          },
          { title: '得分', dataIndex: 'score', sorter: (a, b) => a.score - b.score, render: (s: number) => <strong>{fmt(s)}</strong> },
          { title: '榜单', dataIndex: 'list', render: (_: unknown, item) => <ListTags item={item} /> },
          {
            title: '连续黑榜',
            dataIndex: 'blackStreak',
            render: (n: number) => (n > 0 ? `${n} 个月` : '—'),
          },
          ...(onObject
            ? [
                {
                  title: '操作',
                  key: 'object',
                  render: (_: unknown, item: ResultItem) => <Button onClick={() => onObject(item)}>提出申诉</Button>,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
