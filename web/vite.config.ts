import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webRoot,
  plugins: [
    react(),
    // The service worker: the app shell is precached so the phone pages (/field, /inspect) open with no signal;
    // a few GET answers they need are cached network-first (cache name in web/src/api/offline-cache.ts, cleared on
    // sign-in and sign-out). Reports and checklists made offline wait in IndexedDB, not here.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      includeAssets: ['icon.svg'],
      manifest: {
        name: '创城 · 城市创建指挥平台',
        short_name: '创城',
        lang: 'zh-CN',
        start_url: '/',
        display: 'standalone',
        background_color: '#f0f2f5',
        theme_color: '#1f3a5f',
        icons: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
        maximumFileSizeToCacheInBytes: 6 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            urlPattern: ({ url, request }) =>
              request.method === 'GET' &&
              (/^\/api\/(auth\/session|problem-categories|site-types)$/.test(url.pathname) ||
                /^\/api\/inspection-rounds(\/[0-9a-f-]{36}(\/checklist)?)?$/.test(url.pathname) ||
                (url.pathname === '/api/problems' && url.searchParams.get('mine') === 'true')),
            handler: 'NetworkFirst',
            options: {
              cacheName: 'cc-api-v1',
              networkTimeoutSeconds: 6,
              expiration: { maxEntries: 300, maxAgeSeconds: 7 * 24 * 3600 },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
  ],
  resolve: {
    alias: {
      '@common': fileURLToPath(new URL('../common', import.meta.url)),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
