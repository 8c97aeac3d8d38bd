// `npm start`: build the web app and the server bundle if missing or stale, then run the server (embedded database
// unless DATABASE_URL is set). The server runs from its esbuild bundle (scripts/build-server.mjs), not through tsx:
// no TypeScript is transpiled at start.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServerIfStale, SERVER_BUNDLE } from './build-server.mjs';
import { buildWebIfStale } from './build-web.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!buildWebIfStale()) process.exit(1);
// Without a bundle (esbuild missing or the build failed) the server still starts, through tsx as before, only slower.
const bundled = await buildServerIfStale();
if (!bundled) console.warn('服务端打包失败，改用 tsx 直接运行（启动较慢）');
const args = bundled ? ['--enable-source-maps', SERVER_BUNDLE] : ['--import', 'tsx', 'server/main.ts'];
const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => child.kill(s));
child.on('exit', (code) => process.exit(code ?? 0));
