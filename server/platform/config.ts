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
  cookieSecure: boolean;
  logLevel: string;
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
    cookieSecure: env.COOKIE_SECURE === 'true',
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
  };
}
