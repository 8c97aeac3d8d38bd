import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { z } from 'zod';
import { queryClient } from './api/query-client';
import { AppRoutes } from './app-routes';
import { NotifyBridge } from './components/notify';
import { renderRequiredMark } from './components/required-mark';
import { theme } from './theme';

dayjs.locale('zh-cn');
// The shared schemas (common/) speak Chinese in the browser as on the server.
z.config(z.locales.zhCN());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }} form={{ requiredMark: renderRequiredMark }}>
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
