/** One submission: standard, unit, period, note, files (links) and, for a reviewer, 通过 / 退回 (退回 needs a comment). */
import { FileOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Input, List, Modal, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useMaterial, useReviewMaterial } from '../../api/materials';
import { can, type Id } from '../../api/types';
import { formatTime, orDash } from '../../components/format';
import { notifySuccess } from '../../components/notify';
import { MaterialStatusTag } from './material-status-tag';
import { periodLabel } from './period';

const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** The modal; `id` undefined when closed. */
export function MaterialDetailModal({ id, onClose }: { id?: Id; onClose: () => void }) {
  const detail = useMaterial(id);
  const review = useReviewMaterial();
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState(false);
  const m = detail.data;
  const reviewable = !!m && can(m, 'review');

  const decide = (decision: 'pass' | 'return') => {
    if (!m) return;
    const text = comment.trim();
    if (decision === 'return' && text.length < 2) {
      setCommentError(true);
      return;
    }
    review.mutate(
      { id: m.id, decision, comment: text || undefined, version: m.version },
      {
        onSuccess: () => {
          notifySuccess(decision === 'pass' ? '已通过' : '已退回，单位将收到通知');
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      title="材料详情"
      open={id !== undefined}
      onCancel={onClose}
      afterClose={() => {
        setComment('');
        setCommentError(false);
      }}
      width={680}
      destroyOnHidden
      footer={
        reviewable ? (
          <Space wrap>
            <Button onClick={onClose}>取消</Button>
            <Button danger loading={review.isPending && review.variables?.decision === 'return'} onClick={() => decide('return')}>
              退回
            </Button>
            <Button type="primary" loading={review.isPending && review.variables?.decision === 'pass'} onClick={() => decide('pass')}>
              通过
            </Button>
          </Space>
        ) : (
          <Button onClick={onClose}>关闭</Button>
        )
      }
    >
      {!m ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <>
          <Typography.Paragraph>
            <Typography.Text strong>{m.standardCode}</Typography.Text> {m.standardText}
          </Typography.Paragraph>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2 }}
            items={[
              { key: 'unit', label: '提交单位', children: m.unitName },
              { key: 'period', label: '期次', children: periodLabel(m.period) },
              { key: 'status', label: '状态', children: <MaterialStatusTag status={m.status} /> },
              { key: 'submittedAt', label: '提交时间', children: formatTime(m.submittedAt) },
              { key: 'note', label: '说明', children: orDash(m.note), span: { xs: 1, sm: 2 } },
              ...(m.reviewedAt
                ? [
                    {
                      key: 'review',
                      label: m.status === 'submitted' ? '上次审核意见' : '审核意见',
                      children: `${orDash(m.reviewComment)}（${formatTime(m.reviewedAt)}）`,
                      span: { xs: 1, sm: 2 },
                    },
                  ]
                : []),
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            文件（{m.files.length}）
          </Typography.Title>
          <List
            size="small"
            bordered
            dataSource={m.files}
            locale={{ emptyText: '没有文件' }}
            renderItem={(f) => (
              <List.Item extra={<Typography.Text type="secondary">{`${size(f.size)} · ${formatTime(f.createdAt)}`}</Typography.Text>}>
                <a href={f.url} target="_blank" rel="noreferrer" aria-label={`打开文件 ${f.name ?? f.id}`}>
                  <FileOutlined aria-hidden /> {f.name ?? `文件 ${f.id}`}
                </a>
              </List.Item>
            )}
          />
          {reviewable && (
            <div style={{ marginTop: 16 }}>
              <Typography.Text>审核意见（退回时必填）</Typography.Text>
              <Input.TextArea
                aria-label="审核意见"
                rows={3}
                maxLength={1000}
                value={comment}
                status={commentError ? 'error' : undefined}
                onChange={(e) => {
                  setComment(e.target.value);
                  setCommentError(false);
                }}
                placeholder="如：缺少签字盖章页"
                style={{ marginTop: 4 }}
              />
              {commentError && <Alert type="error" showIcon style={{ marginTop: 8 }} title="退回材料须填写审核意见（至少 2 个字）" />}
            </div>
          )}
        </>
      )}
    </Modal>
  );
}
