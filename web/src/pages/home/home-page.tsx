/** 首页: greeting, the user's cards and to-dos from GET /api/home. */
import { Card, Col, Row, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { useSession } from '../../api/auth';
import { useHome } from '../../api/home';
import { roleLabels } from '../../components/user-menu';
import { HomeCards } from './home-cards';
import { TodoList } from './todo-list';

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
  const now = dayjs();
  const scope = session?.user.unitName || session?.user.regionName;

  return (
    <div style={{ maxWidth: 1280, margin: '0 auto' }}>
      <Card variant="borderless" style={{ marginBottom: 16 }} styles={{ body: { padding: '16px 20px' } }}>
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
        <Row gutter={[16, 16]}>
          {(home.data?.cards.length ?? 0) > 0 && (
            <Col span={24}>
              <HomeCards cards={home.data?.cards ?? []} />
            </Col>
          )}
          <Col span={24}>
            <TodoList todos={home.data?.todos ?? []} failed={home.isError} onRetry={() => home.refetch()} />
          </Col>
        </Row>
      )}
    </div>
  );
}
