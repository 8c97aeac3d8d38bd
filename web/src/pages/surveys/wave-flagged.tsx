/**
 * 可疑访问 of a wave: interviews flagged 用时过短 / 同一地点过多 / 答案雷同, each kept (保留) or voided (作废 — it leaves
 * the results and frees its quota) by the office after a look, with a note. Cards on a phone.
 */
import { RESPONSE_FLAG_LABELS, GENDER_LABELS, INTERVIEW_METHOD_LABELS } from '@common/surveys';
import { App, Button, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ResponsiveList } from '../../components/responsive-list';
import { useReviewResponse, useWaveResponses } from '../../api/surveys';
import type { ResponseRow } from './wave-api';

const REVIEW_LABELS = { kept: '已保留', voided: '已作废' } as const;

function duration(s: number | null): string {
  if (s === null) return '—';
  return s >= 60 ? `${Math.floor(s / 60)}分${s % 60}秒` : `${s}秒`;
}

function Flags({ row }: { row: ResponseRow }) {
  return (
    <Space size={4} wrap>
      {row.flags.map((f) => (
        <Tag key={f} color="orange">
          {RESPONSE_FLAG_LABELS[f]}
        </Tag>
      ))}
      {row.review && <Tag color={row.review === 'voided' ? 'red' : 'green'}>{REVIEW_LABELS[row.review]}</Tag>}
    </Space>
  );
}

export function WaveFlagged({ waveId }: { waveId: string }) {
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const list = useWaveResponses(waveId, { flagged: true, page, pageSize: 10 });
  const review = useReviewResponse();
  const [target, setTarget] = useState<{ row: ResponseRow; decision: 'kept' | 'voided' } | null>(null);
  const [note, setNote] = useState('');

  const open = (row: ResponseRow, decision: 'kept' | 'voided') => {
    setNote('');
    setTarget({ row, decision });
  };
  const confirm = async () => {
    if (!target) return;
    await review.mutateAsync({ id: String(target.row.id), decision: target.decision, note: note.trim() || undefined });
    message.success(target.decision === 'voided' ? '已作废，该答卷不再计入结果' : '已保留，该答卷计入结果');
    setTarget(null);
  };
  const actions = (row: ResponseRow) =>
    row.abilities?.review ? (
      <Space size={4}>
        <Button size="small" onClick={() => open(row, 'kept')} aria-label={`保留${row.townName}${row.interviewerName ?? ''}的访问`}>
          保留
        </Button>
        <Button
          size="small"
          danger
          onClick={() => open(row, 'voided')}
          aria-label={`作废${row.townName}${row.interviewerName ?? ''}的访问`}
        >
          作废
        </Button>
      </Space>
    ) : null;

  return (
    <>
      <ResponsiveList<ResponseRow>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '没有可疑访问' }}
        pagination={{ current: page, pageSize: 10, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: '提交时间', dataIndex: 'receivedAt', render: (v: string) => new Date(v).toLocaleString('zh-CN', { hour12: false }) },
          {
            title: '访问员',
            dataIndex: 'interviewerName',
            render: (v: string | null, r) => `${v ?? '—'}${r.method ? `（${INTERVIEW_METHOD_LABELS[r.method]}）` : ''}`,
          },
          { title: '乡镇', dataIndex: 'townName' },
          {
            title: '受访者',
            key: 'who',
            render: (_, r) => `${r.groupLabel} · ${GENDER_LABELS[r.gender as 'male' | 'female'] ?? r.gender} · ${r.age}岁`,
          },
          { title: '用时', dataIndex: 'durationSeconds', render: duration },
          { title: '疑点', key: 'flags', render: (_, r) => <Flags row={r} /> },
          { title: '复核说明', dataIndex: 'reviewNote', render: (v: string | null) => v ?? '' },
          { title: '操作', key: 'actions', render: (_, r) => actions(r) },
        ]}
        card={(r) => (
          <div>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <strong>
                {r.townName} · {r.interviewerName ?? '—'}
              </strong>
              <span>{duration(r.durationSeconds)}</span>
            </div>
            <Typography.Text type="secondary">
              {r.groupLabel} · {GENDER_LABELS[r.gender as 'male' | 'female'] ?? r.gender} · {r.age}岁 ·{' '}
              {new Date(r.receivedAt).toLocaleString('zh-CN', { hour12: false })}
            </Typography.Text>
            <div>
              <Flags row={r} />
            </div>
            {r.reviewNote && <div>说明：{r.reviewNote}</div>}
          </div>
        )}
        cardActions={actions}
      />
      <Modal
        open={!!target}
        title={target?.decision === 'voided' ? '作废这份访问？' : '保留这份访问？'}
        okText={target?.decision === 'voided' ? '作废' : '保留'}
        okButtonProps={{ danger: target?.decision === 'voided', loading: review.isPending }}
        cancelText="取消"
        onOk={() => void confirm().catch(() => undefined)}
        onCancel={() => setTarget(null)}
        destroyOnHidden
      >
        {target && (
          <>
            <Typography.Paragraph>
              {target.row.townName} · {target.row.interviewerName ?? '—'} ·{' '}
              {target.row.flags.map((f) => RESPONSE_FLAG_LABELS[f]).join('、')}
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary">
              {target.decision === 'voided' ? '作废后该答卷不计入结果，所占配额空出，可另行补访。' : '保留后该答卷照常计入结果。'}
            </Typography.Paragraph>
            <Input.TextArea
              aria-label="复核说明"
              placeholder="复核说明（可选），如：已电话回访核实"
              maxLength={500}
              showCount
              rows={3}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </>
        )}
      </Modal>
    </>
  );
}
