/**
 * 考核档案: one unit's (town's, county's) standing over the published months — score and rank per month as a trend,
 * the months on the red and black lists, and what cost it points in the latest month (each indicator's points against
 * the most it could earn, the costliest first). A unit's head or liaison reaches their own through 我的考核; the
 * office, leaders and everyone placed in the county reach any subject from a published ranking.
 */
import { Alert, Card, Col, Empty, Progress, Row, Space, Statistic, Tabs, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { useSubjectHistory, type SubjectHistory } from '../../api/evaluation-standings';
import { PageLoading } from '../../components/page-loading';
import { PageTitle } from '../../components/page-title';
import { ResponsiveList } from '../../components/responsive-list';
import { EChart, type ChartOption } from '../dashboard/echart';
import { fmt, valueText } from './ranking-group';

type Family = SubjectHistory['families'][number];
type Month = Family['months'][number];

function ListTag({ list }: { list: Month['list'] }) {
  if (list === 'red') return <Tag color="red">红榜</Tag>;
  if (list === 'black') return <Tag color="black">黑榜</Tag>;
  return null;
}

function trendOption(months: Month[]): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['得分', '排名'], top: 0 },
    grid: { left: 48, right: 48, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: months.map((m) => m.periodLabel.replace(/^\d{4}年/, '')) },
    yAxis: [
      { type: 'value', name: '得分', scale: true },
      { type: 'value', name: '排名', inverse: true, minInterval: 1, min: 1 },
    ],
    series: [
      { name: '得分', type: 'line', data: months.map((m) => m.score), smooth: false, symbolSize: 8, label: { show: true } },
      { name: '排名', type: 'line', yAxisIndex: 1, data: months.map((m) => m.rank), lineStyle: { type: 'dashed' }, symbolSize: 6 },
    ],
  };
}

function FamilyView({ family }: { family: Family }) {
  const last = family.months[family.months.length - 1];
  const red = family.months.filter((m) => m.list === 'red').length;
  const black = family.months.filter((m) => m.list === 'black').length;
  const option = useMemo(() => trendOption(family.months), [family.months]);
  const lost = family.latest?.indicators.filter((i) => i.lost > 0 || i.vetoed) ?? [];
  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Statistic title={`${last.periodLabel}得分`} value={fmt(last.score)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={`${last.groupName}排名`} value={last.rank} suffix={`/ ${last.groupSize}`} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="上红榜" value={red} suffix="个月" />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="上黑榜" value={black} suffix="个月" valueStyle={black ? { color: '#cf1322' } : undefined} />
        </Col>
      </Row>
      {last.proposal && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={`连续上黑榜，${last.periodLabel}考核建议${last.proposal === 'interview' ? '约谈' : '问责'}`}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title="得分与排名走势" variant="outlined">
            {family.months.length > 1 ? (
              <div style={{ height: 260 }}>
                <EChart
                  option={option}
                  label={`各月得分：${family.months.map((m) => `${m.periodLabel} ${fmt(m.score)} 分第 ${m.rank} 名`).join('；')}`}
                  testId="trend"
                />
              </div>
            ) : (
              <Empty description="发布两个月以上的考核后显示走势" />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={`失分项（${family.latest ? family.latest.period : ''}）`} variant="outlined">
            {lost.length === 0 ? (
              <Empty description="本月各项指标均得满分" />
            ) : (
              <Space direction="vertical" style={{ width: '100%' }} size={12}>
                {lost.map((i) => (
                  <div key={i.code}>
                    <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                      <span>
                        {i.name}
                        <Typography.Text type="secondary">（{valueText(i.value, i.unit, i.code)}）</Typography.Text>
                      </span>
                      {i.vetoed ? <Tag color="black">一票否决</Tag> : <Typography.Text type="danger">−{fmt(i.lost)} 分</Typography.Text>}
                    </div>
                    {i.maxPoints > 0 && (
                      <Progress
                        percent={Math.round((i.points / i.maxPoints) * 100)}
                        format={() => `${fmt(i.points)} / ${fmt(i.maxPoints)}`}
                        status={i.points < i.maxPoints / 2 ? 'exception' : 'normal'}
                        size="small"
                      />
                    )}
                  </div>
                ))}
              </Space>
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small" title="各月考核" variant="outlined" style={{ marginTop: 16 }}>
        <ResponsiveList<Month>
          rowKey="runId"
          size="small"
          dataSource={[...family.months].reverse()}
          pagination={false}
          locale={{ emptyText: '暂无已发布的考核' }}
          card={(m) => (
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <span>
                <strong>{m.periodLabel}</strong> · {m.groupName} <ListTag list={m.list} />
              </span>
              <span>
                {fmt(m.score)} 分 · 第 {m.rank}/{m.groupSize} 名
              </span>
            </div>
          )}
          cardHref={(m) => `/evaluation/runs/${m.runId}`}
          cardLabel={(m) => `查看${m.periodLabel}考核结果`}
          columns={[
            { title: '月份', dataIndex: 'periodLabel', render: (l: string, m) => <Link to={`/evaluation/runs/${m.runId}`}>{l}</Link> },
            { title: '分组', dataIndex: 'groupName' },
            { title: '得分', dataIndex: 'score', render: (s: number) => <strong>{fmt(s)}</strong> },
            { title: '排名', dataIndex: 'rank', render: (r: number, m) => `${r} / ${m.groupSize}` },
            { title: '榜单', dataIndex: 'list', render: (l: Month['list']) => (l ? <ListTag list={l} /> : '—') },
            { title: '修订', dataIndex: 'revision', render: (n: number) => (n > 1 ? `第 ${n} 次修订` : '—') },
          ]}
        />
      </Card>
    </>
  );
}

/** /evaluation/subjects/:id */
export default function SubjectPage() {
  const { id } = useParams();
  const history = useSubjectHistory(id);
  if (history.isLoading) return <PageLoading />;
  if (!history.data)
    return <Alert type="info" showIcon title="暂无已发布的考核结果" description="该对象还没有已发布的月度考核，或您无权查看。" />;
  const h = history.data;
  return (
    <>
      <PageTitle title={`${h.subjectName} · 考核档案`} subTitle="已发布各月的得分、排名、红黑榜和失分项" />
      <Card variant="borderless">
        {h.families.length === 1 ? (
          <FamilyView family={h.families[0]} />
        ) : (
          <Tabs items={h.families.map((f) => ({ key: f.schemeKey, label: f.schemeName, children: <FamilyView family={f} /> }))} />
        )}
      </Card>
    </>
  );
}
