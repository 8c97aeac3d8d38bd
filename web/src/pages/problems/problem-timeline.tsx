/** The full timeline (who did what, when, with reasons, measures, verdicts, deadlines) and the 督办单 list. */
import { FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import { PROBLEM_ACTION_LABELS, PROBLEM_STATE_LABELS } from '@common/problem-workflow';
import { labelOf } from '@common/labels';
import { Card, Empty, Image, Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { fileUrls } from '../../api/files';
import { EVENT_LABELS, type ProblemDetail, type SupervisionNotice, type TimelineEntry } from '../../api/problems';
import { formatTime } from '../../components/format';

const REASON_LABELS: Record<string, string> = {
  reject: '不予立案理由',
  dispute: '退回理由',
  request_extension: '延期理由',
  deny_extension: '驳回理由',
  reopen: '反弹情况',
};

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

function actionLabel(action: string): string {
  return EVENT_LABELS[action] ?? labelOf(PROBLEM_ACTION_LABELS, action);
}

function colorOf(e: TimelineEntry): string {
  if (e.action === 'verify') return e.payload?.passed ? 'green' : 'red';
  if (['reject', 'dispute', 'supervise', 'escalate', 'deny_extension', 'reopen'].includes(e.action)) return 'red';
  if (e.action === 'remind' || e.action === 'request_extension') return 'orange';
  return 'blue';
}

function Line({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ marginTop: 2 }}>
      <Typography.Text type="secondary">{label}：</Typography.Text>
      {children}
    </div>
  );
}

/** The payload of one entry as readable lines. `unitName` names the unit of a dispatch. */
function Payload({ e, unitName }: { e: TimelineEntry; unitName: string | null }) {
  const p = e.payload ?? {};
  const photoIds = Array.isArray(p.photoIds) ? (p.photoIds as string[]) : [];
  return (
    <>
      {e.action === 'dispatch' && <Line label="派遣至">{unitName ?? '—'}</Line>}
      {str(p.fromUnitName) && <Line label="原责任单位">{str(p.fromUnitName)}</Line>}
      {e.action === 'verify' && <Tag color={p.passed ? 'green' : 'red'}>{p.passed ? '核查通过' : '核查不通过（返工）'}</Tag>}
      {typeof p.days === 'number' && <Line label="延期天数">{p.days} 天</Line>}
      {str(p.deadline) && <Line label={e.action === 'dispatch' ? '整改时限' : '新时限'}>{formatTime(str(p.deadline))}</Line>}
      {str(p.reason) && <Line label={REASON_LABELS[e.action] ?? '理由'}>{str(p.reason)}</Line>}
      {str(p.measures) && <Line label="整改措施">{str(p.measures)}</Line>}
      {str(p.comment) && <Line label={e.action === 'verify' ? '核查意见' : '备注'}>{str(p.comment)}</Line>}
      {str(p.noticeCode) && <Line label="督办单">{str(p.noticeCode)}</Line>}
      {str(p.roundName) && <Line label="督查轮次">{str(p.roundName)}</Line>}
      {str(p.note) && <Line label="现场情况">{str(p.note)}</Line>}
      {e.action === 'covert_released' && str(p.covertCode) && (
        <Line label="暗访编号">
          {str(p.covertCode)} → {str(p.code)}
        </Line>
      )}
      {str(p.leaders) && <Line label="结对领导">{str(p.leaders)}</Line>}
      {str(p.relapseProblemId) && (
        <Line label="反弹问题">
          <Link to={`/problems/${str(p.relapseProblemId)}`}>{str(p.relapseCode) ?? '查看'}</Link>
        </Line>
      )}
      {str(p.relapsedFrom) && (
        <Line label="原问题">
          <Link to={`/problems/${str(p.relapsedFrom)}`}>查看原问题</Link>
        </Line>
      )}
      {photoIds.length > 0 && (
        <Image.PreviewGroup>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, marginTop: 6 }}>
            {photoIds.map((id, i) => (
              <Image
                key={id}
                width={56}
                height={56}
                style={{ objectFit: 'cover', borderRadius: 4 }}
                src={fileUrls(id).thumbnailUrl}
                preview={{ src: fileUrls(id).evidenceUrl }}
                alt={`${actionLabel(e.action)}照片 ${i + 1}`}
              />
            ))}
          </div>
        </Image.PreviewGroup>
      )}
    </>
  );
}

/** The unit a dispatch went to: the next dispute names it, else it is still the problem's unit. */
function dispatchUnit(problem: ProblemDetail, index: number): string | null {
  const later = problem.timeline.slice(index + 1);
  const dispute = later.find((x) => x.action === 'dispute');
  const redispatch = later.find((x) => x.action === 'dispatch');
  if (dispute && (!redispatch || dispute.id < redispatch.id)) return str(dispute.payload?.fromUnitName);
  return problem.unitName;
}

/** Timeline card, oldest first. */
export function ProblemTimeline({ problem }: { problem: ProblemDetail }) {
  const items = problem.timeline.map((e, i) => ({
    key: e.id,
    color: colorOf(e),
    content: (
      <div>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'baseline' }}>
          <Typography.Text strong>{actionLabel(e.action)}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.actorName ?? '系统'} · {formatTime(e.at)}
          </Typography.Text>
          {e.toState && e.fromState !== e.toState && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {e.fromState ? `${labelOf(PROBLEM_STATE_LABELS, e.fromState)} → ` : '→ '}
              {labelOf(PROBLEM_STATE_LABELS, e.toState)}
            </Typography.Text>
          )}
        </div>
        <Payload e={e} unitName={e.action === 'dispatch' ? dispatchUnit(problem, i) : null} />
      </div>
    ),
  }));
  return (
    <Card variant="borderless" title="办理过程" style={{ marginBottom: 16 }}>
      {items.length ? <Timeline items={items} /> : <Empty description="暂无记录" />}
    </Card>
  );
}

/** 督办单 with a print link (opens in a new tab) and the 公文 as .docx. */
export function SupervisionNotices({ notices }: { notices: SupervisionNotice[] }) {
  if (!notices.length) return null;
  return (
    <Card variant="borderless" title="督办单" style={{ marginBottom: 16 }}>
      <ul style={{ margin: 0, padding: 0, listStyle: 'none' }}>
        {notices.map((n) => (
          <li key={n.id} style={{ padding: '8px 0', borderBottom: '1px solid #f5f5f5' }}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
              <Typography.Text strong>{n.code}</Typography.Text>
              <a
                href={`/api/supervision-notices/${n.id}/print`}
                target="_blank"
                rel="noopener noreferrer"
                aria-label={`打印督办单 ${n.code}`}
              >
                <PrinterOutlined aria-hidden /> 打印督办单
              </a>
              <a href={`/api/supervision-notices/${n.id}/docx`} download aria-label={`下载督办单 ${n.code}（Word）`}>
                <FileWordOutlined aria-hidden /> 下载 Word
              </a>
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              督办时间 {formatTime(n.issuedAt)} · 整改期限 {formatTime(n.deadline)}
            </Typography.Text>
            {n.escalatedAt && (
              <div>
                <Tag color="magenta">升级督办</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatTime(n.escalatedAt)} {n.escalatedTo ? `报送 ${n.escalatedTo}` : ''}
                </Typography.Text>
              </div>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
