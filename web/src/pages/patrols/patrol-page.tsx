/**
 * 巡查打卡 (the 点长's phone page): his sites with today's state, a big 打卡 button per site that opens the check-in form
 * in place, and this month's count per site. Cards, no tables; every tap target at least 44 px.
 */
import { CheckCircleFilled, ClockCircleOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { PATROL_RESULT_LABELS } from '@common/contracts/patrols';
import { Alert, Button, Card, Empty, Progress, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { usePatrolToday, type PatrolTodayItem } from '../../api/patrols';
import { notifySuccess } from '../../components/notify';
import { PageTitle } from '../../components/page-title';
import { formatDistance } from '../inspect/geo';
import { CheckInForm } from './check-in-form';

const WEEKDAYS = ['', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'];
const time = (iso: string) =>
  new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' });
const pct = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);

function SiteCard({ item, open, onOpen, onClose }: { item: PatrolTodayItem; open: boolean; onOpen: () => void; onClose: () => void }) {
  const done = item.state === 'done';
  return (
    <Card variant="borderless" style={{ marginBottom: 12 }} styles={{ body: { padding: 16 } }}>
      <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
        {done ? (
          <CheckCircleFilled aria-hidden style={{ color: '#52c41a', fontSize: 24, marginTop: 2 }} />
        ) : (
          <span aria-hidden style={{ width: 24, height: 24, borderRadius: 12, border: '2px solid #d9d9d9', flexShrink: 0, marginTop: 2 }} />
        )}
        <div style={{ flex: 1, minWidth: 0 }}>
          <Typography.Title level={5} style={{ margin: 0, fontSize: 17 }}>
            {item.siteName}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
            {item.siteTypeName}
            {item.address ? ` · ${item.address}` : ''}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
            本月已打卡 {item.month.done}/{item.month.required} 天
            {item.month.missed > 0 && <Typography.Text type="danger"> · 漏打卡 {item.month.missed} 天</Typography.Text>}
          </Typography.Text>
        </div>
        {done ? (
          <Tag color="success" style={{ marginInlineEnd: 0 }}>
            已打卡
          </Tag>
        ) : item.state === 'rest' ? (
          <Tag style={{ marginInlineEnd: 0 }}>休息日</Tag>
        ) : (
          <Tag color="warning" style={{ marginInlineEnd: 0 }}>
            待打卡
          </Tag>
        )}
      </div>
      {done && item.patrol && (
        <div style={{ marginTop: 10, padding: '8px 12px', background: '#f6ffed', borderRadius: 8 }}>
          <Typography.Text>
            <ClockCircleOutlined aria-hidden /> {time(item.patrol.checkedAt)} 打卡 · {PATROL_RESULT_LABELS[item.patrol.result]} · 照片{' '}
            {item.patrol.photoCount} 张
          </Typography.Text>
          {item.patrol.distanceM !== null && (
            <Typography.Text type={item.patrol.far ? 'warning' : 'secondary'} style={{ display: 'block', fontSize: 13 }}>
              <EnvironmentOutlined aria-hidden /> 距点位 {formatDistance(item.patrol.distanceM)}
              {item.patrol.far ? '（较远）' : ''}
            </Typography.Text>
          )}
        </div>
      )}
      {!done && !open && (
        <Button
          type="primary"
          size="large"
          block
          onClick={onOpen}
          style={{ height: 52, fontSize: 18, marginTop: 12 }}
          aria-label={`${item.siteName} 打卡`}
        >
          打卡
        </Button>
      )}
      {!done && open && (
        <div style={{ marginTop: 12, borderTop: '1px solid #f0f0f0', paddingTop: 12 }}>
          <CheckInForm
            site={item}
            onCancel={onClose}
            onDone={() => {
              notifySuccess(`“${item.siteName}”打卡成功`);
              onClose();
            }}
          />
        </div>
      )}
    </Card>
  );
}

/** The page. */
export default function PatrolPage() {
  const today = usePatrolToday();
  const [open, setOpen] = useState<string | null>(null);
  const data = today.data;
  return (
    <div style={{ maxWidth: 600, margin: '0 auto' }}>
      <PageTitle
        title="巡查打卡"
        subTitle={
          data
            ? `${Number(data.day.slice(5, 7))}月${Number(data.day.slice(8, 10))}日 ${WEEKDAYS[data.weekday]} · ${data.working ? '工作日' : (data.dayName ?? '休息日')}${data.working && data.dayName ? `（${data.dayName}）` : ''}`
            : '每天到负责的点位巡查，拍照打卡'
        }
      />
      {today.isLoading && <Skeleton active paragraph={{ rows: 6 }} />}
      {today.isError && <Alert type="error" showIcon title="无法加载今日打卡，请检查网络后刷新页面" />}
      {data && (
        <>
          {data.total > 0 && (
            <Card variant="borderless" style={{ marginBottom: 12 }} styles={{ body: { padding: '12px 16px' } }}>
              <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
                <Progress type="circle" size={56} percent={Math.round((data.doneToday / data.total) * 100)} aria-hidden />
                <div>
                  <Typography.Text strong style={{ fontSize: 16, display: 'block' }}>
                    今日已打卡 {data.doneToday}/{data.total} 个点位
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {data.working ? '工作日每个点位打卡一次，照片须现场拍摄' : '今天是休息日，打卡照常记录，不计入应打卡天数'}
                    {' · 本月打卡率 '}
                    {pct(
                      (() => {
                        const req = data.items.reduce((n, i) => n + i.month.required, 0);
                        return req ? data.items.reduce((n, i) => n + i.month.done, 0) / req : null;
                      })(),
                    )}
                  </Typography.Text>
                </div>
              </div>
            </Card>
          )}
          {data.total === 0 && <Empty description="您还不是任何点位的点长（请联系创建办在点位信息中关联您的账号）" />}
          {data.items.map((item) => (
            <SiteCard
              key={item.siteId}
              item={item}
              open={open === item.siteId}
              onOpen={() => setOpen(item.siteId)}
              onClose={() => setOpen(null)}
            />
          ))}
        </>
      )}
    </div>
  );
}
