/** Runtime configuration read once from the environment. */
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  filesDir: string;
  seedDemo: boolean;
  isProduction: boolean;
  isTest: boolean;
  /** COOKIE_SECURE=true/false forces the cookie's Secure flag; unset, it follows the request's protocol. */
  cookieSecure: boolean | undefined;
  /** TRUST_PROXY: which proxies' X-Forwarded-* headers are believed (default: none). */
  trustProxy: boolean | string[] | number;
  outboxDir: string;
  logLevel: string;
}

/**
 * TRUST_PROXY: unset/empty/false → trust nobody; a number → that many hops; `true` → every proxy (only behind
 * one that overwrites X-Forwarded-For); otherwise a comma-separated list of addresses, CIDRs or the names
 * loopback / linklocal / uniquelocal (as Fastify's `trustProxy` accepts).
 */
export function parseTrustProxy(value: string | undefined): boolean | string[] | number {
  const v = (value ?? '').trim();
  if (!v || v === 'false' || v === '0') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Reads configuration from process.env (see README "配置 / Configuration"). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    filesDir: path.resolve(env.FILES_DIR ?? path.join(dataDir, 'files')),
    seedDemo: env.SEED_DEMO !== 'false' && env.SEED_DEMO !== '0',
    isProduction: env.NODE_ENV === 'production',
    isTest: env.NODE_ENV === 'test',
    cookieSecure: env.COOKIE_SECURE === 'true' ? true : env.COOKIE_SECURE === 'false' ? false : undefined,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    outboxDir: path.resolve(env.OUTBOX_DIR ?? path.join(dataDir, 'outbox')),
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
  };
}
