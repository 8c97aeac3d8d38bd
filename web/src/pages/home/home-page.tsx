/**
 * 首页: greeting, then the work of the person's role from GET /api/home — the 领导驾驶舱 first for a leader, the
 * to-dos, today's rounds of an inspector, the sites of a 点长, a unit's inbox by deadline, a reporter's own reports —
 * and the figure cards. What shows is decided by what the answer holds (the server decides by permissions).
 */
import { CameraOutlined } from '@ant-design/icons';
import { Button, Card, Skeleton, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { hasPermission, useSession } from '../../api/auth';
import { useHome } from '../../api/home';
import { roleLabels } from '../../components/user-menu';
import { Cockpit } from './cockpit';
import { HomeCards } from './home-cards';
import { HomeProblems } from './home-problems';
import { MySites } from './my-sites';
import { TodayRounds } from './today-rounds';
import { TodoList } from './todo-list';
import { beijingNow } from '../../components/beijing-time';

function greeting(hour: number): string {
  if (hour < 6) return '夜深了';
  if (hour < 12) return '上午好';
  if (hour < 14) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

/** Home page. */
export default function HomePage() {
  const { data: session } = useSession();
  const home = useHome();
  const navigate = useNavigate();
  const now = beijingNow();
  const scope = session?.user.unitName || session?.user.regionName;
  const data = home.data;
  // Who works cases (the office side) reads the cockpit after its to-dos; a leader starts with it.
  const worksCases = hasPermission(session, 'problems.office');
  const hasSection = !!(data?.cockpit || data?.rounds?.length || data?.sites || data?.inbox || data?.reports);
  // The reports list says how many there are; its count card would say it twice.
  const cards = (data?.cards ?? []).filter((c) => !(data?.reports && c.key === 'my-reports'));

  return (
    // minmax(0, 1fr): a long unbreakable line (an address) is cut with … instead of widening the page on a phone.
    <div style={{ maxWidth: 1280, margin: '0 auto', display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 16 }}>
      <Card variant="borderless" styles={{ body: { padding: '16px 20px' } }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {greeting(now.hour())}，{session?.user.name}
        </Typography.Title>
        <Typography.Text type="secondary">
          {now.format('YYYY年M月D日 dddd')}
          {roleLabels(session).length > 0 && ` · ${roleLabels(session).join('、')}`}
          {scope && ` · ${scope}`}
        </Typography.Text>
      </Card>
      {home.isPending ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 4 }} />
        </Card>
      ) : (
        <>
          {data?.cockpit && !worksCases && <Cockpit cockpit={data.cockpit} />}
          <TodoList todos={data?.todos ?? []} failed={home.isError} onRetry={() => home.refetch()} compact={hasSection} />
          {data?.rounds && (data.rounds.length > 0 || !worksCases) && <TodayRounds rounds={data.rounds} />}
          {data?.sites && <MySites sites={data.sites} />}
          {data?.inbox && (
            <HomeProblems
              title="本单位待办问题（按整改时限）"
              list={data.inbox}
              show="deadline"
              more="/problems/inbox"
              empty="本单位暂无待整改问题"
            />
          )}
          {data?.reports && (
            <HomeProblems
              title={`我上报的问题（办理中 ${data.reports.open} 件）`}
              list={data.reports}
              show="created"
              empty="还没有上报过问题"
              extra={
                <Button type="primary" icon={<CameraOutlined aria-hidden />} onClick={() => navigate('/field')}>
                  上报问题
                </Button>
              }
            />
          )}
          {cards.length > 0 && <HomeCards cards={cards} />}
          {data?.cockpit && worksCases && <Cockpit cockpit={data.cockpit} title="创建工作概况" />}
        </>
      )}
    </div>
  );
}
