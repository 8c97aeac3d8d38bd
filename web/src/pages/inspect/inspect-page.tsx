/** 今日任务 (phone): my rounds running today, their sites by distance from here, visited ones ticked, 待同步 counted. */
import { AimOutlined, DisconnectOutlined, EnvironmentOutlined, LoadingOutlined } from '@ant-design/icons';
import { useQueries, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Skeleton, Tag, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useSession } from '../../api/auth';
import { checklistKey, fetchChecklist, fetchRound, roundKey, useRounds } from '../../api/inspections';
import { isPending } from '../../components/visit-outbox';
import { PageLoading } from '../../components/page-loading';
import { useGeolocation, useOnline } from '../field/use-device';
import { TodayRound } from './today-round';
import { useVisitDrafts } from './use-visit-drafts';
import { beijingNow, beijingToday } from '../../components/beijing-time';

/** How many of the nearest sites per round get their checklist fetched ahead, for a bad network. */
const PREFETCH = 30;

/** Today's tasks page. */
/**
 * The rounds' details as the page uses them. A module-level `combine` keeps the array the same object until a round's
 * answer changes, so the prefetch below runs once per change of the loaded rounds, not on every render.
 */
function roundDetails(results: UseQueryResult<Awaited<ReturnType<typeof fetchRound>>>[]) {
  return results.map((d) => ({ data: d.data, isPending: d.isPending }));
}

export default function InspectPage() {
  const { data: session } = useSession();
  const userId = session ? String(session.user.id) : null;
  const online = useOnline();
  const { position, locate } = useGeolocation();
  const { drafts, sending, storageError } = useVisitDrafts(userId);
  const today = beijingToday();
  const rounds = useRounds({ mine: 'true', page: 1, pageSize: 100 });
  const active = useMemo(() => (rounds.data?.items ?? []).filter((r) => r.startDate <= today && today <= r.endDate), [rounds.data, today]);
  const details = useQueries({
    queries: active.map((r) => ({ queryKey: roundKey(r.id), queryFn: () => fetchRound(r.id), meta: { silent: true } })),
    combine: roundDetails,
  });
  const here = position.status === 'ok' ? { lat: position.lat!, lng: position.lng! } : null;
  const queryClient = useQueryClient();

  // The checklist page's code too, so a site opens after the network is gone.
  useEffect(() => void import('./site-checklist-page').catch(() => undefined), []);
  useEffect(() => {
    for (const d of details) {
      const r = d.data;
      if (!r) continue;
      for (const s of r.sites.slice(0, PREFETCH)) {
        void queryClient.prefetchQuery({
          queryKey: checklistKey(r.id, s.id),
          queryFn: () => fetchChecklist(r.id, s.id),
          staleTime: 5 * 60_000,
        });
      }
    }
  }, [details, queryClient]);

  if (!session || !userId) return <PageLoading />;
  const waiting = drafts.filter(isPending).length;

  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      {!online && (
        <Alert
          type="warning"
          showIcon
          icon={<DisconnectOutlined aria-hidden />}
          role="status"
          style={{ marginBottom: 12 }}
          title="网络已断开"
          description="可以继续测评，结果和照片先保存在本机，联网后自动同步。"
        />
      )}
      {storageError && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title="本机存储不可用，离线测评无法保存，请检查浏览器设置" />
      )}
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, marginBottom: 4 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          今日任务
        </Typography.Title>
        {waiting > 0 && (
          <Tag color="warning" aria-label={`待同步 ${waiting} 个点位`} style={{ marginInlineEnd: 0 }}>
            {sending ? '同步中…' : `待同步 ${waiting}`}
          </Tag>
        )}
      </div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 12, flexWrap: 'wrap' }} aria-live="polite">
        <Typography.Text type="secondary">{beijingNow().format('YYYY年M月D日 dddd')}</Typography.Text>
        {position.status === 'locating' && (
          <Typography.Text type="secondary">
            <LoadingOutlined aria-hidden /> 正在定位…
          </Typography.Text>
        )}
        {position.status === 'ok' && (
          <Typography.Text type="secondary">
            <EnvironmentOutlined aria-hidden style={{ color: '#52c41a' }} /> 已按距离排序
          </Typography.Text>
        )}
        {position.status === 'error' && (
          <Typography.Text type="warning">
            {position.error?.replace('，或手动填写地址', '').replace('，请手动填写地址', '')}
          </Typography.Text>
        )}
        {position.status !== 'locating' && (
          <Button size="small" type="link" icon={<AimOutlined aria-hidden />} onClick={locate} style={{ paddingInline: 0 }}>
            重新定位
          </Button>
        )}
      </div>
      {rounds.isPending ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 4 }} />
        </Card>
      ) : active.length === 0 ? (
        <Card variant="borderless">
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={rounds.isError ? '暂时无法加载任务，联网后自动刷新' : '今天没有督查任务'}
          />
        </Card>
      ) : (
        active.map((r, i) => (
          <TodayRound
            key={r.id}
            summary={r}
            detail={details[i]?.data}
            loading={details[i]?.isPending ?? true}
            here={here}
            drafts={drafts}
            sending={sending}
            userId={userId}
          />
        ))
      )}
    </div>
  );
}
