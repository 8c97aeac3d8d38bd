/**
 * The public pages (/p/*): citizens' phones, no account. A separate light bundle — React and this folder only (no
 * antd, no React Query, no dayjs), so it opens fast on a weak phone (≤ 150 kB of JavaScript gzipped; measured by
 * test/e2e/public-reports.e2e.test.ts).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PublicApp } from './router';
import './public.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PublicApp />
  </StrictMode>,
);
