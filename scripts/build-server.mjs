// Bundles the server (server/main.ts and everything it imports from server/ and common/) into one ES module with
// esbuild, so `npm start` does not transpile TypeScript at every start (tsx took ~3.5 s of a 4.6–9 s start). Built
// only when missing or older than its sources, like scripts/build-web.mjs for the web app.
//
// The bundle lives in node_modules/.cache/cc-server/ (ignored by git, like Vite's cache); packages stay external and
// load from node_modules as before. Modules find their files (migrations, data/*.json, the xlsx worker, web/dist)
// through `import.meta.url`: each module's own URL is written into the bundle in its place, so those paths still
// point into the source tree.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_BUNDLE = path.join(root, 'node_modules/.cache/cc-server/main.mjs');

function newest(dir) {
  if (!fs.existsSync(dir)) return 0;
  let t = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

/** Whether the bundle is missing or older than the server's sources (server/, common/, package.json, tsconfig). */
export function serverBundleStale() {
  if (!fs.existsSync(SERVER_BUNDLE)) return true;
  const sources = Math.max(
    newest(path.join(root, 'server')),
    newest(path.join(root, 'common')),
    fs.statSync(path.join(root, 'package.json')).mtimeMs,
    fs.statSync(path.join(root, 'tsconfig.json')).mtimeMs,
    fs.statSync(fileURLToPath(import.meta.url)).mtimeMs,
  );
  return fs.statSync(SERVER_BUNDLE).mtimeMs < sources;
}

/** Each TypeScript module's `import.meta.url` becomes its own source URL (not the bundle's). */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.(ts|mts)$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      const contents = text.includes('import.meta.url')
        ? text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        : text;
      return { contents, loader: 'ts' };
    });
  },
};

/** Builds the bundle (always); returns false when the build failed. */
export async function buildServer() {
  fs.mkdirSync(path.dirname(SERVER_BUNDLE), { recursive: true });
  let build;
  try {
    ({ build } = await import('esbuild'));
  } catch {
    console.error('esbuild is not installed (it comes with tsx and vite)');
    return false;
  }
  // Built beside, then moved into place (map first): a start running at the same time never reads half a bundle.
  const tmpDir = path.join(path.dirname(SERVER_BUNDLE), `build-${process.pid}`);
  const tmp = path.join(tmpDir, path.basename(SERVER_BUNDLE));
  try {
    await build({
      entryPoints: [path.join(root, 'server/main.ts')],
      outfile: tmp,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      // A map beside the bundle (`npm start` runs with --enable-source-maps: stack traces name the .ts files).
      sourcemap: 'linked',
      logLevel: 'warning',
      tsconfig: path.join(root, 'tsconfig.json'),
      plugins: [ownImportMetaUrl],
    });
    fs.renameSync(`${tmp}.map`, `${SERVER_BUNDLE}.map`);
    fs.renameSync(tmp, SERVER_BUNDLE);
    return true;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return false;
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}

/** Builds the bundle when it is missing or stale; returns false when the build failed. */
export async function buildServerIfStale() {
  if (!serverBundleStale()) return true;
  console.log('构建服务端 (esbuild) …');
  return buildServer();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit((await buildServerIfStale()) ? 0 : 1);
