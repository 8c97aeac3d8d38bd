/** One round of today's tasks: its sites nearest first, each a big row to tap, with visit and sync status. */
import { CheckCircleFilled, RightOutlined } from '@ant-design/icons';
import { Card, Progress, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { RoundDetail, RoundListItem, RoundSite } from '../../api/inspections';
import { draftKey, isPending, type VisitDraft } from '../../components/visit-outbox';
import { pct } from '../inspections/round-tags';
import { distanceMetres, formatDistance } from './geo';
import { CovertMark } from './covert-mark';

interface Props {
  summary: RoundListItem;
  detail: RoundDetail | undefined;
  loading: boolean;
  here: { lat: number; lng: number } | null;
  drafts: VisitDraft[];
  sending: string | null;
  userId: string;
}

function SiteStatus({ site, draft, sending }: { site: RoundSite; draft: VisitDraft | undefined; sending: boolean }) {
  if (sending) return <Tag color="processing">同步中</Tag>;
  if (draft?.status === 'failed') return <Tag color="error">同步失败</Tag>;
  if (isPending(draft)) return <Tag color="warning">待同步</Tag>;
  const rate = draft?.result?.scoreRate ?? site.scoreRate;
  if (site.visitId || draft?.result) return <Typography.Text type="secondary">{pct(rate)}</Typography.Text>;
  return <Tag>未测评</Tag>;
}

/** A round card. */
export function TodayRound({ summary, detail, loading, here, drafts, sending, userId }: Props) {
  const sites = (detail?.sites ?? [])
    .map((s) => ({ site: s, metres: here && s.location ? distanceMetres(here, s.location) : null }))
    .sort((a, b) => (a.metres ?? Infinity) - (b.metres ?? Infinity) || a.site.name.localeCompare(b.site.name));
  const draftOf = (siteId: string) => drafts.find((d) => d.key === draftKey(userId, summary.id, siteId));
  const done = sites.filter(({ site }) => site.visitId || draftOf(site.id)?.result).length;

  return (
    <Card
      variant="borderless"
      style={{ marginBottom: 12 }}
      styles={{ body: { padding: 0 } }}
      title={
        <div style={{ display: 'flex', alignItems: 'center', gap: 6, minWidth: 0 }}>
          <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{summary.name}</span>
          {summary.isCovert && !summary.releasedAt && <CovertMark />}
        </div>
      }
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          至 {summary.endDate.slice(5)}
        </Typography.Text>
      }
    >
      <div style={{ padding: '8px 16px 0', display: 'flex', alignItems: 'center', gap: 8 }}>
        <Progress
          percent={sites.length ? Math.round((done / sites.length) * 100) : 0}
          showInfo={false}
          size="small"
          style={{ flex: 1, margin: 0 }}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          已测 {done}/{sites.length || summary.sites}
        </Typography.Text>
      </div>
      {loading && !detail ? (
        <div style={{ padding: 16 }}>
          <Skeleton active paragraph={{ rows: 3 }} />
        </div>
      ) : (
        <ul aria-label={`${summary.name} 点位`} style={{ margin: 0, padding: '4px 0' }}>
          {sites.map(({ site, metres }) => {
            const draft = draftOf(site.id);
            const visited = !!site.visitId || !!draft?.result;
            return (
              <li key={site.id} style={{ listStyle: 'none', borderTop: '1px solid #f5f5f5' }}>
                <Link
                  to={`/inspect/${summary.id}/${site.id}`}
                  aria-label={`${site.name}${visited ? '（已测评）' : ''}`}
                  style={{ display: 'flex', alignItems: 'center', gap: 12, padding: '12px 16px', minHeight: 64, color: 'inherit' }}
                >
                  {visited ? (
                    <CheckCircleFilled aria-hidden style={{ color: '#52c41a', fontSize: 22 }} />
                  ) : (
                    <span aria-hidden style={{ width: 22, height: 22, borderRadius: 11, border: '2px solid #d9d9d9', flexShrink: 0 }} />
                  )}
                  <span style={{ flex: 1, minWidth: 0 }}>
                    <Typography.Text strong style={{ fontSize: 16, display: 'block' }} ellipsis>
                      {site.name}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 13, display: 'block' }} ellipsis>
                      <span style={{ color: metres === null ? undefined : '#1677ff' }}>{formatDistance(metres)}</span> · {site.siteTypeName}
                    </Typography.Text>
                    {site.address && (
                      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }} ellipsis>
                        {site.address}
                      </Typography.Text>
                    )}
                  </span>
                  <SiteStatus site={site} draft={draft} sending={sending === draft?.key} />
                  <RightOutlined aria-hidden style={{ color: 'rgba(0,0,0,.3)', fontSize: 12 }} />
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
