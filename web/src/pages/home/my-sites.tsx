/** 我负责的点位 (点长): each site with its open problems and last inspection result; then those problems by deadline. */
import { RightOutlined } from '@ant-design/icons';
import { Card, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import type { HomeData, HomeSite } from '../../api/home';
import { HomeProblems } from './home-problems';

const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;

function SiteRow({ site: s }: { site: HomeSite }) {
  return (
    <li style={{ listStyle: 'none', borderTop: '1px solid #f5f5f5' }}>
      <Link
        to={`/sites/${s.id}`}
        aria-label={`点位 ${s.name}`}
        style={{ display: 'flex', alignItems: 'center', gap: 12, padding: '10px 16px', minHeight: 56, color: 'inherit' }}
      >
        <span style={{ flex: 1, minWidth: 0 }}>
          <Typography.Text strong style={{ display: 'block' }} ellipsis>
            {s.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} ellipsis={{ tooltip: s.lastRoundName ?? undefined }}>
            {s.siteTypeName} ·{' '}
            {s.lastVisitedAt && s.lastScoreRate !== null
              ? `最近测评 ${pct(s.lastScoreRate)}（${dayjs(s.lastVisitedAt).format('M月D日')}）`
              : '尚无测评记录'}
          </Typography.Text>
        </span>
        {s.openProblems > 0 ? (
          <Tag color={s.overdue ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }}>
            在办 {s.openProblems}
            {s.overdue > 0 && ` · 超期 ${s.overdue}`}
          </Tag>
        ) : (
          <Tag color="green" style={{ marginInlineEnd: 0 }}>
            无在办问题
          </Tag>
        )}
        <RightOutlined aria-hidden style={{ color: 'rgba(0,0,0,.3)', fontSize: 12 }} />
      </Link>
    </li>
  );
}

/** The 点长's two cards. */
export function MySites({ sites }: { sites: NonNullable<HomeData['sites']> }) {
  return (
    <>
      <Card
        variant="borderless"
        title={`我负责的点位（${sites.items.length}）`}
        extra={
          <Link to="/sites" style={{ fontSize: 13 }}>
            点位管理
          </Link>
        }
        styles={{ body: { padding: '0 0 4px' } }}
      >
        <ul aria-label="我负责的点位" style={{ margin: 0, padding: 0 }}>
          {sites.items.map((s) => (
            <SiteRow key={s.id} site={s} />
          ))}
        </ul>
      </Card>
      <HomeProblems title="点位在办问题" list={sites.problems} show="site" more="/problems" empty="负责的点位暂无在办问题" />
    </>
  );
}
