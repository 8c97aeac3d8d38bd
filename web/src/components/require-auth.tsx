/** Renders its children only for a signed-in user (and, unless allowed, one who need not change password). */
import { Button } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../api/auth';
import { PageLoading } from './page-loading';

// Only shown when the session cannot be loaded: kept out of the first screen's code.
const Result = lazy(() => import('antd/es/result'));

/** Route guard around everything behind the login. */
export function RequireAuth({ children, allowPasswordChange = false }: { children: ReactNode; allowPasswordChange?: boolean }) {
  const session = useSession();
  const location = useLocation();
  const from = location.pathname + location.search;

  if (session.isPending) return <PageLoading fullScreen />;
  if (session.isError) {
    const { status, code, message } = session.error;
    if (status === 401) return <Navigate to="/login" replace state={{ from }} />;
    if (status === 403 && code === 'password_change_required' && !allowPasswordChange) {
      return <Navigate to="/change-password" replace state={{ from }} />;
    }
    // Offline with no copy of the session on this device (never signed in here, or signed out since): the session
    // is fetched again by itself when the network returns.
    const offline = status === 0 && !navigator.onLine;
    return (
      <Suspense fallback={<PageLoading fullScreen />}>
        <Result
          status={offline ? 'warning' : 'error'}
          title={offline ? '网络已断开' : '无法加载登录信息'}
          subTitle={offline ? '本机没有保存的登录信息，请联网后再打开。' : message}
          extra={<Button onClick={() => session.refetch()}>重试</Button>}
        />
      </Suspense>
    );
  }
  if (session.data.user.mustChangePassword && !allowPasswordChange) {
    return <Navigate to="/change-password" replace state={{ from }} />;
  }
  return children;
}
