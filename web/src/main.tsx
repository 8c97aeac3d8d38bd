import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
// The ES module build of the locale (antd/locale/* is CommonJS and drags a second copy of the picker locales).
import zhCN from 'antd/es/locale/zh_CN';
import './antd.css';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { sessionQuery } from './api/auth';
import { queryClient } from './api/query-client';
import { AppRoutes, preloadRoute } from './app-routes';
import { NotifyBridge } from './components/notify';
import { renderRequiredMark } from './components/required-mark';
import { theme } from './theme';

dayjs.locale('zh-cn');
// The shared schemas (common/) speak Chinese in the browser as on the server. zod is not needed for the first screen
// (only some forms validate with it), so it is fetched after the page has loaded and the locale set then — long
// before anyone submits such a form, and whichever page imports zod shares this one instance.
window.addEventListener('load', () => void import('./zod-locale'), { once: true });

// The session is asked for before the first render, and the page's own code is fetched meanwhile (see preloadRoute)
// instead of after the session has loaded. (Not as a <link rel=preload> in the HTML: a signed-out preload left unused
// could answer a fetch made after sign-in with its 401.)
// A form whose fields are invalid rejects its `validateFields()` with { errorFields } after showing the messages on the
// fields; a submit handler that awaited it simply stops there. That is not an error of the page: keep it out of the
// console (and out of the browser tests' page-error log) instead of wrapping every such handler.
window.addEventListener('unhandledrejection', (event) => {
  const reason: unknown = event.reason;
  if (reason && typeof reason === 'object' && Array.isArray((reason as { errorFields?: unknown }).errorFields)) event.preventDefault();
});

void queryClient.prefetchQuery(sessionQuery);
preloadRoute(window.location.pathname);

// antd's component styles come from web/src/antd.css, built ahead, instead of being generated in the browser on
// every load (antd 6 zero-runtime mode; the theme's tokens still apply, as CSS variables).
// Someone who asked their device for less motion (prefers-reduced-motion) gets antd's components without animation:
// dialogs, drawers, dropdowns and messages appear at once.
const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
const appTheme = { ...theme, zeroRuntime: true, token: { ...theme.token, motion: !reduceMotion } };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={appTheme} button={{ autoInsertSpace: false }} form={{ requiredMark: renderRequiredMark }}>
      <AntApp>
        <NotifyBridge />
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
