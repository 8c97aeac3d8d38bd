/** 今日督查任务: the inspector's rounds running today, the sites still to visit, each with a button to the phone checklist. */
import { RightOutlined } from '@ant-design/icons';
import { ROUND_KIND_LABELS } from '@common/inspections';
import { labelOf } from '@common/labels';
import { Button, Card, Empty, Progress, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useNavigate } from 'react-router';
import type { HomeRound } from '../../api/home';
import { CovertMark } from '../inspect/covert-mark';

function RoundCard({ round: r }: { round: HomeRound }) {
  const navigate = useNavigate();
  const left = r.sites - r.visited;
  return (
    <Card
      variant="borderless"
      size="small"
      style={{ border: '1px solid #f0f0f0' }}
      styles={{ body: { padding: 0 } }}
      title={
        <div style={{ display: 'flex', alignItems: 'center', gap: 6, minWidth: 0 }}>
          <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{r.name}</span>
          {r.isCovert ? <CovertMark /> : <Tag style={{ marginInlineEnd: 0 }}>{labelOf(ROUND_KIND_LABELS, r.kind)}</Tag>}
        </div>
      }
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          至 {dayjs(r.endDate).format('M月D日')}
        </Typography.Text>
      }
    >
      <div style={{ padding: '8px 12px 4px', display: 'flex', alignItems: 'center', gap: 8 }}>
        <Progress percent={r.sites ? (r.visited / r.sites) * 100 : 0} showInfo={false} size="small" style={{ flex: 1, margin: 0 }} />
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          已测 {r.visited}/{r.sites}，待测 {left}
        </Typography.Text>
      </div>
      {r.due.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ padding: '4px 12px 12px', margin: 0 }}>
          本轮点位已全部测评
        </Typography.Paragraph>
      ) : (
        <ul aria-label={`${r.name} 待测评点位`} style={{ margin: 0, padding: 0 }}>
          {r.due.map((s) => (
            <li
              key={s.siteId}
              style={{
                listStyle: 'none',
                borderTop: '1px solid #f5f5f5',
                display: 'flex',
                alignItems: 'center',
                gap: 8,
                padding: '8px 12px',
              }}
            >
              <span style={{ flex: 1, minWidth: 0 }}>
                <Typography.Text strong style={{ display: 'block' }} ellipsis>
                  {s.name}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} ellipsis>
                  {s.siteTypeName}
                  {s.address && ` · ${s.address}`}
                </Typography.Text>
              </span>
              <Button
                type="primary"
                aria-label={`开始测评 ${s.name}`}
                onClick={() => navigate(`/inspect/${r.id}/${s.siteId}`)}
                style={{ minHeight: 44, minWidth: 44 }}
              >
                开始测评
              </Button>
            </li>
          ))}
        </ul>
      )}
      {left > r.due.length && (
        <Link to="/inspect" style={{ display: 'block', padding: '10px 12px', borderTop: '1px solid #f5f5f5' }}>
          还有 {left - r.due.length} 个点位，去现场测评 <RightOutlined aria-hidden style={{ fontSize: 11 }} />
        </Link>
      )}
    </Card>
  );
}

/** The card with every round of today, or 今天没有督查任务. */
export function TodayRounds({ rounds }: { rounds: HomeRound[] }) {
  return (
    <Card
      variant="borderless"
      title="今日督查任务"
      extra={
        <Link to="/inspect" style={{ fontSize: 13 }}>
          现场测评
        </Link>
      }
      styles={{ body: { padding: rounds.length ? 12 : 16, display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 12 } }}
    >
      {rounds.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="今天没有督查任务" style={{ margin: '8px 0' }} />
      ) : (
        rounds.map((r) => <RoundCard key={r.id} round={r} />)
      )}
    </Card>
  );
}
