/** The signed-in shell: header, permission-built side menu (a drawer on phones) and the page outlet. */
import { ApartmentOutlined, MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Outlet } from 'react-router';
import '../phone.css';
import { useSession } from '../api/auth';
import { NavMenu } from './nav-menu';
import { NotificationBell } from './notification-bell';
import { PageLoading } from './page-loading';
import { ReportOutboxRunner } from './report-outbox-runner';
import { DrawerFooter, UserMenu } from './user-menu';
import { VisitOutboxRunner } from './visit-outbox-runner';
import { SurveyOutboxRunner } from './survey-outbox-runner';

const PRODUCT_NAME = '创城 · 城市创建指挥平台';

/** Layout route element. */
export default function AppLayout() {
  const { data: session } = useSession();
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is undefined: treat as desktop to avoid a flash.
  const isPhone = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 8,
          position: 'sticky',
          top: 0,
          zIndex: 100,
          boxShadow: '0 1px 4px rgba(0,21,41,.18)',
        }}
      >
        {isPhone && (
          <Button
            type="text"
            aria-label="打开菜单"
            icon={<MenuOutlined aria-hidden />}
            onClick={() => setDrawerOpen(true)}
            style={{ color: '#fff' }}
          />
        )}
        <Link to="/" aria-label="返回首页" style={{ display: 'flex', alignItems: 'center', gap: 8, color: '#fff', minWidth: 0, flex: 1 }}>
          <ApartmentOutlined aria-hidden style={{ fontSize: 22 }} />
          <span
            style={{
              fontSize: isPhone ? 16 : 18,
              fontWeight: 600,
              letterSpacing: 1,
              whiteSpace: 'nowrap',
              overflow: 'hidden',
              textOverflow: 'ellipsis',
            }}
          >
            {isPhone ? '创城' : PRODUCT_NAME}
          </span>
        </Link>
        <NotificationBell enabled={!!session} compact={isPhone} />
        <UserMenu session={session} compact={isPhone} />
        <ReportOutboxRunner session={session} />
        <VisitOutboxRunner session={session} />
        <SurveyOutboxRunner session={session} />
      </Layout.Header>
      <Layout>
        {!isPhone && (
          <Layout.Sider
            width={208}
            style={{ borderInlineEnd: '1px solid #f0f0f0', position: 'sticky', top: 56, height: 'calc(100vh - 56px)', overflow: 'auto' }}
          >
            <NavMenu session={session} />
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: isPhone ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      {isPhone && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          title="创城"
          styles={{ body: { padding: 8 } }}
          footer={<DrawerFooter session={session} />}
        >
          <NavMenu session={session} onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
    </Layout>
  );
}
