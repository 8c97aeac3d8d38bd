/**
 * 入户调查 (the interviewer's phone): my open waves, what is left of my quota per cell (the server's figure less my
 * interviews still waiting on this phone), the interviews waiting to sync (待同步) with 立即同步, and those the server
 * refused (配额已满 or another reason) — kept visible until discarded. Works from the device's copy with no signal.
 */
import { CloudSyncOutlined, DisconnectOutlined, FormOutlined } from '@ant-design/icons';
import { GENDER_LABELS } from '@common/surveys';
import { Alert, Button, Card, Empty, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { useSession } from '../../api/auth';
import { useMyWaves, type MyWave } from '../../api/interview';
import { PageLoading } from '../../components/page-loading';
import { discardInterview, flushInterviews, retryInterview, type QueuedInterview } from '../../components/survey-outbox';
import { SurveyOutboxRunner } from '../../components/survey-outbox-runner';
import { useOnline } from '../field/use-device';
import { loadDraft } from './draft';
import { cellsLeft, useInterviews } from './use-interviews';

export default function InterviewHomePage() {
  const { data: session } = useSession();
  const userId = session ? String(session.user.id) : null;
  const online = useOnline();
  const waves = useMyWaves(userId);
  const { items, sending, storageError } = useInterviews(userId);
  // The questionnaire page's code too, so it opens after the network is gone.
  useEffect(() => void import('./interview-page').catch(() => undefined), []);

  if (!session || !userId) return <PageLoading />;
  const queued = items.filter((i) => i.status === 'queued');
  const refused = items.filter((i) => i.status !== 'queued');

  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      <SurveyOutboxRunner session={session} />
      {!online && (
        <Alert
          type="warning"
          showIcon
          icon={<DisconnectOutlined aria-hidden />}
          role="status"
          style={{ marginBottom: 12 }}
          title="网络已断开"
          description="可以继续访问，问卷先保存在本机，联网后自动同步。"
        />
      )}
      {storageError && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title="本机存储不可用，离线访问无法保存，请检查浏览器设置" />
      )}
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, marginBottom: 12, flexWrap: 'wrap' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          入户调查
        </Typography.Title>
        <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
          <Tag color={queued.length ? 'warning' : 'success'} aria-label={`待同步 ${queued.length}`} style={{ marginInlineEnd: 0 }}>
            {sending ? '同步中…' : `待同步 ${queued.length}`}
          </Tag>
          <Button
            size="small"
            icon={<CloudSyncOutlined aria-hidden />}
            disabled={!queued.length || !online}
            onClick={() => void flushInterviews(userId)}
          >
            立即同步
          </Button>
        </div>
      </div>
      {waves.data?.fromDevice && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          显示本机保存的任务（{dayjs(waves.data.fetchedAt).format('M月D日 HH:mm')} 更新），配额以联网后为准。
        </Typography.Paragraph>
      )}
      {refused.length > 0 && <Refused items={refused} />}
      {waves.isPending && !waves.data ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 4 }} />
        </Card>
      ) : !waves.data || waves.data.waves.length === 0 ? (
        <Card variant="borderless">
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={waves.isError ? '暂时无法加载调查任务，联网后再试' : '目前没有分配给您的调查'}
          />
        </Card>
      ) : (
        waves.data.waves.map((w) => <WaveCard key={w.id} wave={w} items={items} userId={userId} />)
      )}
    </div>
  );
}

function WaveCard({ wave, items, userId }: { wave: MyWave; items: QueuedInterview[]; userId: string }) {
  const cells = cellsLeft(wave, items);
  const left = cells.reduce((s, c) => s + c.left, 0);
  const navigate = useNavigate();
  const draft = loadDraft(userId, wave.id);
  const byTown = new Map<string, typeof cells>();
  for (const c of cells) byTown.set(c.townName, [...(byTown.get(c.townName) ?? []), c]);
  return (
    <Card
      variant="borderless"
      style={{ marginBottom: 12 }}
      styles={{ body: { padding: 16 } }}
      role="region"
      aria-label={wave.name}
      title={<span style={{ whiteSpace: 'normal' }}>{wave.name}</span>}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        截止 {wave.endsOn} · 我已提交 {wave.mine} 份 · 我的配额还差 {left} 份
      </Typography.Paragraph>
      <Button type="primary" size="large" block icon={<FormOutlined aria-hidden />} onClick={() => void navigate(`/interview/${wave.id}`)}>
        {draft ? '继续上次访问' : '开始访问'}
      </Button>
      <div role="list" aria-label={`${wave.name} 配额`} style={{ marginTop: 12 }}>
        {[...byTown.entries()].map(([town, rows]) => (
          <div key={town} style={{ marginTop: 8 }}>
            <Typography.Text strong>{town}</Typography.Text>
            {rows.map((c) => (
              <div
                key={c.key}
                role="listitem"
                aria-label={`${town} ${c.label} 还差 ${c.left}`}
                style={{
                  display: 'flex',
                  justifyContent: 'space-between',
                  alignItems: 'center',
                  gap: 8,
                  padding: '6px 0',
                  borderBottom: '1px solid #f0f0f0',
                }}
              >
                <span>{c.label}</span>
                <span style={{ whiteSpace: 'nowrap' }}>
                  {c.left === 0 ? (
                    <Tag color="default" style={{ marginInlineEnd: 0 }}>
                      已满
                    </Tag>
                  ) : (
                    <Typography.Text>
                      还差 <strong>{c.left}</strong>
                    </Typography.Text>
                  )}
                  <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                    {c.done}/{c.target}
                    {c.waiting ? ` · 待同步 ${c.waiting}` : ''}
                  </Typography.Text>
                </span>
              </div>
            ))}
          </div>
        ))}
      </div>
    </Card>
  );
}

/** Interviews the server refused: kept until the interviewer retries or discards them. */
function Refused({ items }: { items: QueuedInterview[] }) {
  return (
    <Card variant="borderless" style={{ marginBottom: 12 }} styles={{ body: { padding: 16 } }} title="未被收录的问卷">
      <div role="list" aria-label="未被收录的问卷">
        {items.map((i) => {
          const p = i.body.profile;
          return (
            <div key={i.clientId} role="listitem" style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
                <span>
                  {i.waveName} · {GENDER_LABELS[p.gender]} · {p.age}岁
                </span>
                <Tag color={i.status === 'quota_full' ? 'error' : 'warning'} style={{ marginInlineEnd: 0 }}>
                  {i.status === 'quota_full' ? '配额已满' : '发送失败'}
                </Tag>
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {dayjs(i.createdAt).format('M月D日 HH:mm')} 完成 · {i.error}
              </Typography.Text>
              <div style={{ display: 'flex', gap: 8, marginTop: 6 }}>
                <Button size="small" onClick={() => void retryInterview(i.clientId)}>
                  重试
                </Button>
                <Popconfirm
                  title="放弃这份问卷？"
                  description="放弃后本机不再保留，无法恢复。"
                  okText="放弃"
                  cancelText="取消"
                  okButtonProps={{ danger: true }}
                  onConfirm={() => discardInterview(i.clientId)}
                >
                  <Button size="small" danger>
                    放弃
                  </Button>
                </Popconfirm>
              </div>
            </div>
          );
        })}
      </div>
    </Card>
  );
}
