/** What the server computed at the last save: 得分率, 扣分, counts, and the problems the failures created or joined. */
import { CheckCircleFilled, CloudSyncOutlined, ExclamationCircleFilled } from '@ant-design/icons';
import { Button, Card, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { formatTime } from '../../components/format';
import type { VisitDraft } from '../../components/visit-outbox';
import { pct } from '../inspections/round-tags';

const HOW: Record<string, { label: string; color: string }> = {
  created: { label: '新立案', color: 'red' },
  attached: { label: '并入在办问题', color: 'orange' },
  relapse: { label: '反弹重办', color: 'volcano' },
};

/** Sync state of the draft: 已保存 / 待同步 / 同步中 / 同步失败 (with 重试). */
export function SyncState({
  draft,
  sending,
  online,
  onRetry,
}: {
  draft: VisitDraft;
  sending: boolean;
  online: boolean;
  onRetry: () => void;
}) {
  if (sending)
    return (
      <Tag icon={<CloudSyncOutlined spin aria-hidden />} color="processing">
        同步中
      </Tag>
    );
  if (draft.status === 'failed')
    return (
      <span style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}>
        <Tag color="error">同步失败</Tag>
        <Button size="small" onClick={onRetry}>
          重试
        </Button>
      </span>
    );
  if (draft.revision > draft.sentRevision) return <Tag color="warning">{online ? '待同步' : '待同步（离线）'}</Tag>;
  if (draft.savedAt)
    return (
      <Tag color="success" icon={<CheckCircleFilled aria-hidden />}>
        已保存
      </Tag>
    );
  return null;
}

/** The result card (hidden until the first save). */
export function VisitResult({ draft }: { draft: VisitDraft }) {
  const r = draft.result;
  if (!r) return null;
  const problems = Object.entries(draft.problems);
  const deducted = Math.round((100 - r.deductionScore) * 100) / 100;
  return (
    <Card variant="borderless" style={{ marginBottom: 12, borderTop: '3px solid #1677ff' }} styles={{ body: { padding: 16 } }}>
      <section aria-label="测评结果">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 8 }}>
          <Typography.Text type="secondary">测评结果</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {draft.savedAt ? `保存于 ${formatTime(draft.savedAt)}` : ''}
          </Typography.Text>
        </div>
        <div style={{ display: 'flex', gap: 32, alignItems: 'flex-start', margin: '6px 0 4px' }}>
          <div>
            <div style={{ fontSize: 12, color: 'rgba(0,0,0,.45)' }}>得分率</div>
            <div style={{ fontSize: 30, fontWeight: 600, lineHeight: 1.2 }} aria-label={`得分率 ${pct(r.scoreRate)}`}>
              {pct(r.scoreRate)}
            </div>
          </div>
          <div>
            <div style={{ fontSize: 12, color: 'rgba(0,0,0,.45)' }}>扣分</div>
            <div
              style={{ fontSize: 30, fontWeight: 600, lineHeight: 1.2, color: deducted > 0 ? '#cf1322' : undefined }}
              aria-label={`扣分 ${deducted} 分`}
            >
              {deducted}
              <span style={{ fontSize: 15, fontWeight: 400, marginInlineStart: 2 }}>分</span>
            </div>
          </div>
        </div>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 8 }}>
          符合 {r.passed} · 不符合 {r.failed} · 不适用 {r.notApplicable}（扣分制得分 {r.deductionScore}）
        </Typography.Paragraph>
        {problems.length > 0 ? (
          <div>
            <Typography.Text style={{ fontSize: 13 }}>
              <ExclamationCircleFilled aria-hidden style={{ color: '#cf1322' }} /> 不符合项已转入问题整改：
            </Typography.Text>
            <ul aria-label="转办问题" style={{ margin: '6px 0 0', padding: 0, display: 'flex', flexWrap: 'wrap', gap: 6 }}>
              {problems.map(([standardId, p]) => {
                const code = draft.checklist.find((s) => s.standardId === standardId)?.code;
                const how = p.how ? HOW[p.how] : undefined;
                return (
                  <li key={standardId} style={{ listStyle: 'none' }}>
                    <Link to={`/problems/${p.problemId}`} aria-label={`问题 ${p.code || code}`}>
                      <Tag color={how?.color ?? 'red'} style={{ marginInlineEnd: 0 }}>
                        {p.code || '查看问题'}
                        {how ? ` · ${how.label}` : ''}
                      </Tag>
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            暂无不符合项
          </Typography.Text>
        )}
      </section>
    </Card>
  );
}
