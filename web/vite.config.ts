import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * Vendor chunks, each in one file that changes only when its packages do (hashed names, cached a year by the
 * server): React, and the router and query client every page needs; leaflet, which only the maps use; antd's icons.
 * antd's components and zod stay split by route automatically, so a phone page loads only the components it shows
 * (and the login page only zod's Chinese messages, not its whole schema library).
 */
const VENDOR_CHUNKS: Array<{ name: string; test: RegExp }> = [
  { name: 'vendor-react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
  { name: 'vendor-app', test: /[\\/]node_modules[\\/](react-router|@tanstack[\\/]query-core|@tanstack[\\/]react-query|dayjs)[\\/]/ },
  { name: 'vendor-leaflet', test: /[\\/]node_modules[\\/]leaflet[\\/]/ },
  // Every icon is a tiny module: left to themselves they came in a dozen files per page of under 1 kB each; all the
  // app's icons in one file weigh about the same per page (gzip does better on one file) and save those requests.
  { name: 'vendor-icons', test: /[\\/]node_modules[\\/]@ant-design[\\/]icons(-svg)?[\\/]/ },
];

/**
 * Writes a brotli (quality 11) and a gzip (level 9) copy beside each built asset, once at build time; the server
 * sends the one the browser accepts (server/platform/serve-web.ts), so no request pays for compression.
 */
function precompress(): Plugin {
  const brotli = promisify(zlib.brotliCompress);
  const gzip = promisify(zlib.gzip);
  let dir = '';
  return {
    name: 'cc-precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      dir = path.resolve(config.root, config.build.outDir, config.build.assetsDir);
    },
    async closeBundle() {
      const files = (await fs.readdir(dir)).filter((f) => /\.(js|css|svg|json)$/.test(f));
      await Promise.all(
        files.map(async (f) => {
          const data = await fs.readFile(path.join(dir, f));
          if (data.length < 1024) return;
          const [br, gz] = await Promise.all([
            brotli(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
            gzip(data, { level: 9 }),
          ]);
          await Promise.all([fs.writeFile(path.join(dir, `${f}.br`), br), fs.writeFile(path.join(dir, `${f}.gz`), gz)]);
        }),
      );
    },
  };
}

/**
 * The public pages (public.html) register no service worker: it would precache the whole staff app (megabytes) on a
 * citizen's phone. vite-plugin-pwa adds its manifest link and registration script to every page; they are taken out
 * of this one again.
 */
function publicPageWithoutServiceWorker(): Plugin {
  return {
    name: 'cc-public-without-sw',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const page = bundle['public.html'];
      if (page?.type === 'asset' && typeof page.source === 'string') {
        page.source = page.source
          .replace(/<link rel="manifest"[^>]*>/, '')
          .replace(/<script id="vite-plugin-pwa:register-sw"[^>]*><\/script>/, '')
          .replace(/<link rel="stylesheet"[^>]*href="\/(assets\/public-[^"]+\.css)"[^>]*>/, (link, file: string) => {
            const css = bundle[file];
            return css?.type === 'asset' ? `<style>${String(css.source)}</style>` : link;
          });
      }
    },
  };
}

export default defineConfig({
  root: webRoot,
  plugins: [
    react(),
    // The service worker: the app shell (index.html and every built file) is precached so the phone pages (/field,
    // /inspect) open with no signal, and any navigation outside /api/ is answered with the precached index.html.
    // It caches no API answer: the few the phone pages need are kept by the app itself (web/src/api/offline-cache.ts,
    // cleared on sign-in and sign-out). Reports and checklists made offline wait in IndexedDB, not here.
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
        // /p/* and /s/* (a survey's public link) are the public pages (web/public.html, their own light bundle), answered by
        // the server, never the app shell.
        navigateFallbackDenylist: [/^\/api\//, /^\/[ps](\/|$)/],
        cleanupOutdatedCaches: true,
      },
    }),
    publicPageWithoutServiceWorker(),
    precompress(),
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
    // Two pages: the staff app (index.html) and the citizens' public pages (public.html → src/public/, served for /p/*).
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        public: fileURLToPath(new URL('./public.html', import.meta.url)),
      },
      output: {
        codeSplitting: { groups: VENDOR_CHUNKS },
      },
    },
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
