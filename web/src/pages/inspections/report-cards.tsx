/** The report's headline cards, each rate compared with the previous round of the same campaign and kind (▲▼). */
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import type { RoundReport } from '../../api/inspections';
import { pct } from './round-tags';

/** ▲ 3.2 个百分点 / ▼ … / 持平, or nothing without a previous round. */
function Change({ delta }: { delta: number | null | undefined }) {
  if (delta === null || delta === undefined) return null;
  const points = Math.abs(delta * 100).toFixed(1);
  if (Math.abs(delta) < 0.0005) return <Typography.Text type="secondary">与上一轮持平</Typography.Text>;
  const up = delta > 0;
  return (
    <Typography.Text style={{ color: up ? '#389e0d' : '#cf1322' }} aria-label={`较上一轮${up ? '上升' : '下降'} ${points} 个百分点`}>
      <span aria-hidden>{up ? '▲' : '▼'}</span> {points} 个百分点
    </Typography.Text>
  );
}

function StatCard({ title, value, hint, danger }: { title: string; value: string | number; hint?: React.ReactNode; danger?: boolean }) {
  return (
    <Card variant="borderless" style={{ height: '100%' }} styles={{ body: { padding: 16 } }} aria-label={`${title}：${value}`}>
      <Statistic
        title={title}
        value={value}
        styles={{ content: { fontSize: 26, fontWeight: 600, color: danger ? '#cf1322' : undefined } }}
      />
      {hint && <div style={{ fontSize: 12, marginTop: 4 }}>{hint}</div>}
    </Card>
  );
}

/** Five cards: sites, visited, average score rate, pass rate vs threshold, problems. */
export function ReportCards({ report }: { report: RoundReport }) {
  const { overall, previous, round } = report;
  const passLow = overall.passRate !== null && overall.passRate < 1;
  return (
    <>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={8} xl={5}>
          <StatCard title="点位数" value={overall.sites} />
        </Col>
        <Col xs={12} md={8} xl={5}>
          <StatCard
            title="已测评"
            value={overall.visited}
            hint={<Typography.Text type="secondary">未测评 {overall.sites - overall.visited} 个</Typography.Text>}
          />
        </Col>
        <Col xs={12} md={8} xl={5}>
          <StatCard title="平均得分率" value={pct(overall.avgScoreRate)} hint={<Change delta={previous?.change.avgScoreRate} />} />
        </Col>
        <Col xs={12} md={12} xl={5}>
          <StatCard
            title="达标率"
            value={pct(overall.passRate)}
            danger={passLow}
            hint={
              <span>
                <Typography.Text type="secondary">达标线 {pct(round.threshold, 0)} </Typography.Text>
                <Change delta={previous?.change.passRate} />
              </span>
            }
          />
        </Col>
        <Col xs={24} md={12} xl={4}>
          <StatCard
            title="问题数"
            value={overall.failures}
            danger={overall.failures > 0}
            hint={<Typography.Text type="secondary">不符合项，已转入问题整改</Typography.Text>}
          />
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
        得分率 = 符合项 ÷（符合项 + 不符合项），不适用项不计；达标率 = 得分率达到达标线的点位 ÷ 已测评点位。
        {previous ? (
          <>
            {' '}
            对比：<Link to={`/inspections/${previous.roundId}/report`}>上一轮</Link>（平均得分率 {pct(previous.overall.avgScoreRate)}
            ，达标率 {pct(previous.overall.passRate)}）。
          </>
        ) : (
          ' 同一创建项目下没有更早的同类轮次可对比。'
        )}
      </Typography.Paragraph>
    </>
  );
}
