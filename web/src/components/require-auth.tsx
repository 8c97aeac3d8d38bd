/** Renders its children only for a signed-in user (and, unless allowed, one who need not change password). */
import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../api/auth';
import { PageLoading } from './page-loading';

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
    return (
      <Result status="error" title="无法加载登录信息" subTitle={message} extra={<Button onClick={() => session.refetch()}>重试</Button>} />
    );
  }
  if (session.data.user.mustChangePassword && !allowPasswordChange) {
    return <Navigate to="/change-password" replace state={{ from }} />;
  }
  return children;
}
