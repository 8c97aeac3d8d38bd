/** Sends the user to /login (session gone) or the change-password screen when the API says so. */
import { App } from 'antd';
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { onAuthProblem } from '../api/client';

/** Mount once inside the router. */
export function AuthRedirector() {
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();

  useEffect(
    () =>
      onAuthProblem((problem, wasSignedIn) => {
        if (problem === 'password_change_required') {
          if (location.pathname !== '/change-password') navigate('/change-password', { replace: true });
          return;
        }
        if (location.pathname === '/login') return;
        if (wasSignedIn || problem === 'session_expired') {
          message.warning({ content: '登录已过期，请重新登录', key: 'session-expired' });
        }
        navigate('/login', { replace: true, state: { from: location.pathname + location.search } });
      }),
    [navigate, location, message],
  );
  return null;
}
