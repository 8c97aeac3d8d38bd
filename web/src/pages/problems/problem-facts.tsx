/** The problem's header (code, state, severity, overdue, countdown, actions) and its facts. */
import { EnvironmentOutlined } from '@ant-design/icons';
import { DEADLINE_STATES, PROBLEM_SOURCE_LABELS } from '@common/problem-workflow';
import { labelOf } from '@common/labels';
import { Alert, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { ProblemDetail } from '../../api/problems';
import { formatTime, orDash } from '../../components/format';
import { DeadlineCountdown, OverdueTag, ProblemStateTag, SeverityTag } from '../../components/problem-tags';
import type { ActionDone } from './action-modal';
import { DisputedTag } from './disputed-tag';
import { ProblemActions } from './problem-actions';

/** The countdown while the clock runs; 按期结案 / 超期结案 once closed. */
function DeadlineNote({ problem: p }: { problem: ProblemDetail }) {
  if ((DEADLINE_STATES as readonly string[]).includes(p.state)) {
    return (
      <>
        <Typography.Text type="secondary"> · </Typography.Text>
        <DeadlineCountdown deadline={p.deadline} state={p.state} strong />
      </>
    );
  }
  if (p.state !== 'closed' || !p.closedAt || !p.deadline) return null;
  const onTime = new Date(p.closedAt) <= new Date(p.deadline);
  return <Typography.Text type={onTime ? 'success' : 'danger'}> · {onTime ? '按期结案' : '超期结案'}</Typography.Text>;
}

/** Top card: identity, status and the allowed actions. */
export function ProblemHeader({ problem, onDone }: { problem: ProblemDetail; onDone: ActionDone }) {
  return (
    <Card variant="borderless" style={{ marginBottom: 16 }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-start', justifyContent: 'space-between' }}>
        <div style={{ minWidth: 0 }}>
          <Space wrap size={8} align="center">
            <Typography.Title level={4} style={{ margin: 0 }}>
              {problem.code}
            </Typography.Title>
            <ProblemStateTag state={problem.state} />
            <SeverityTag severity={problem.severity} />
            {problem.overdue && <OverdueTag />}
            {problem.isRelapse && <Tag color="volcano">反弹</Tag>}
            {problem.extensionRequest && <Tag color="gold">延期待审批</Tag>}
            <DisputedTag problem={problem} />
          </Space>
          <div style={{ marginTop: 6 }}>
            <Typography.Text type="secondary">{problem.categoryName}</Typography.Text>
            {problem.deadline && (
              <>
                <Typography.Text type="secondary"> · 整改时限 {formatTime(problem.deadline)}</Typography.Text>
                <DeadlineNote problem={problem} />
              </>
            )}
          </div>
        </div>
        <ProblemActions problem={problem} onDone={onDone} />
      </div>
    </Card>
  );
}

/** Category, source, place, unit, people and times. */
export function ProblemFacts({ problem }: { problem: ProblemDetail }) {
  const p = problem;
  const place = p.location ? `${p.location.lat.toFixed(5)}, ${p.location.lng.toFixed(5)}` : null;
  return (
    <Card variant="borderless" title="问题信息" style={{ marginBottom: 16 }}>
      {p.state === 'rejected' && p.rejectReason && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`不予立案：${p.rejectReason}`} />
      )}
      {p.extensionRequest && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`责任单位申请延期 ${p.extensionRequest.days} 天`}
          description={p.extensionRequest.reason ?? undefined}
        />
      )}
      <Typography.Paragraph style={{ fontSize: 15, whiteSpace: 'pre-wrap' }}>{p.description}</Typography.Paragraph>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'category', label: '问题类别', children: `${p.categoryName}（${p.categoryCode}）` },
          { key: 'source', label: '问题来源', children: labelOf(PROBLEM_SOURCE_LABELS, p.source) },
          { key: 'region', label: '所属区域', children: orDash(p.regionName) },
          ...(p.site ? [{ key: 'site', label: '所在点位', children: <Link to={`/sites/${p.site.id}`}>{p.site.name}</Link> }] : []),
          // 附加问题 answered with the report (Open311 attributes): staff only.
          ...(p.questionAnswers ?? []).map((a) => ({ key: `q-${a.code}`, label: a.question, children: a.display })),
          ...(p.round
            ? [
                {
                  key: 'round',
                  label: '发现轮次',
                  children: (
                    <Space size={4} wrap>
                      <Link to={`/inspections/${p.round.id}`}>{p.round.name}</Link>
                      {p.round.isCovert && <Tag style={{ marginInlineEnd: 0 }}>暗访</Tag>}
                    </Space>
                  ),
                },
              ]
            : []),
          {
            key: 'address',
            label: '地址',
            children: (
              <span>
                {orDash(p.address)}
                {place && (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    <EnvironmentOutlined aria-hidden /> {place}
                  </Typography.Text>
                )}
              </span>
            ),
          },
          { key: 'unit', label: '责任单位', children: orDash(p.unitName) },
          { key: 'reporter', label: '上报人', children: orDash(p.reporterName) },
          { key: 'createdAt', label: '上报时间', children: formatTime(p.createdAt) },
          { key: 'dispatchedAt', label: '派遣时间', children: formatTime(p.dispatchedAt) },
          { key: 'deadline', label: '整改时限', children: formatTime(p.deadline) },
          { key: 'rectifiedAt', label: '整改提交', children: formatTime(p.rectifiedAt) },
          { key: 'closedAt', label: '结案时间', children: formatTime(p.closedAt) },
          {
            key: 'counts',
            label: '延期 / 返工 / 反弹',
            children: `${p.extensionCount} / ${p.reworkCount} / ${p.relapseCount}`,
          },
          ...(p.relapsedFrom
            ? [{ key: 'relapsedFrom', label: '原问题', children: <Link to={`/problems/${p.relapsedFrom}`}>查看反弹前的问题</Link> }]
            : []),
        ]}
      />
    </Card>
  );
}
