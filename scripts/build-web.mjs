// Builds the web app when web/dist is missing or older than its sources (used by `npm start` and the browser tests).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'web/dist/index.html');

function newest(dir) {
  if (!fs.existsSync(dir)) return 0;
  let t = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

/** Runs `vite build` if needed; returns false when the build failed. */
export function buildWebIfStale() {
  const sources = Math.max(
    newest(path.join(root, 'web/src')),
    newest(path.join(root, 'common')),
    fs.statSync(path.join(root, 'web/index.html')).mtimeMs,
  );
  if (fs.existsSync(dist) && fs.statSync(dist).mtimeMs >= sources) return true;
  console.log('构建前端 (vite build) …');
  const r = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    // Always a production build: under NODE_ENV=test antd gives every dialog aria-labelledby="test-id".
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return r.status === 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(buildWebIfStale() ? 0 : 1);
