/** 待发送: reports kept on this phone until the server has them, with their status; failed ones offer 重试 / 删除. */
import { CloudUploadOutlined } from '@ant-design/icons';
import { Button, Card, Popconfirm, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { deleteReport, flushOutbox, retryReport, type OutboxReport } from '../../components/report-outbox';
import { formatTime } from '../../components/format';

function Thumb({ blob }: { blob: Blob | undefined }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) return;
    const made = URL.createObjectURL(blob);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [blob]);
  return (
    <div
      style={{
        width: 56,
        height: 56,
        borderRadius: 6,
        background: '#f5f5f5',
        flexShrink: 0,
        overflow: 'hidden',
        display: 'grid',
        placeItems: 'center',
      }}
    >
      {url ? (
        <img src={url} alt="" style={{ width: '100%', height: '100%', objectFit: 'cover' }} />
      ) : (
        <CloudUploadOutlined aria-hidden style={{ color: '#bfbfbf', fontSize: 20 }} />
      )}
    </div>
  );
}

function StatusTag({ report, sending, online }: { report: OutboxReport; sending: boolean; online: boolean }) {
  if (sending) return <Tag color="processing">发送中</Tag>;
  if (report.status === 'failed') return <Tag color="error">发送失败</Tag>;
  return <Tag color="warning">{online ? '等待发送' : '等待网络'}</Tag>;
}

function OutboxRow({ report, sending, online }: { report: OutboxReport; sending: boolean; online: boolean }) {
  const uploaded = report.photos.filter((p) => p.fileId).length;
  const label = `${report.input.categoryName}（${formatTime(report.createdAt)}）`;
  return (
    <li
      aria-label={`待发送：${label}`}
      style={{ listStyle: 'none', display: 'flex', gap: 10, padding: '10px 0', borderBottom: '1px solid #f5f5f5' }}
    >
      <Thumb blob={report.photos[0]?.blob} />
      <div style={{ flex: 1, minWidth: 0 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
          <Typography.Text strong ellipsis>
            {report.input.categoryName}
          </Typography.Text>
          <StatusTag report={report} sending={sending} online={online} />
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
          {formatTime(report.createdAt)} · {report.photos.length} 张照片
          {uploaded > 0 && uploaded < report.photos.length ? `（已传 ${uploaded} 张）` : ''}
          {report.attempts > 0 && report.status === 'queued' ? ` · 已重试 ${report.attempts} 次` : ''}
        </Typography.Text>
        {report.error && (
          <Typography.Text type={report.status === 'failed' ? 'danger' : 'secondary'} style={{ fontSize: 12, display: 'block' }}>
            {report.error}
          </Typography.Text>
        )}
        {!sending && (
          <Space size={4} style={{ marginTop: 4 }}>
            {report.status === 'failed' && (
              <Button size="small" type="primary" onClick={() => void retryReport(report.clientId)} aria-label={`重试 ${label}`}>
                重试
              </Button>
            )}
            <Popconfirm
              title="删除这条未发送的上报？"
              description="照片和内容将从本机删除，无法恢复。"
              okText="删除"
              cancelText="取消"
              okButtonProps={{ danger: true }}
              onConfirm={() => deleteReport(report.clientId)}
            >
              <Button size="small" danger aria-label={`删除 ${label}`}>
                删除
              </Button>
            </Popconfirm>
          </Space>
        )}
      </div>
    </li>
  );
}

interface Props {
  reports: OutboxReport[];
  sending: string | null;
  online: boolean;
  userId: string;
}

/** The outbox card (hidden when empty). */
export function OutboxList({ reports, sending, online, userId }: Props) {
  if (reports.length === 0) return null;
  const queued = reports.some((r) => r.status === 'queued');
  return (
    <Card
      variant="borderless"
      title={`待发送（${reports.length}）`}
      style={{ marginBottom: 16 }}
      extra={
        queued && online && !sending ? (
          <Button size="small" onClick={() => void flushOutbox(userId)}>
            立即发送
          </Button>
        ) : null
      }
    >
      <ul aria-label="待发送" style={{ margin: 0, padding: 0 }}>
        {reports.map((r) => (
          <OutboxRow key={r.clientId} report={r} sending={sending === r.clientId} online={online} />
        ))}
      </ul>
    </Card>
  );
}
