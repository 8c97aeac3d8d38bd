/** Runtime configuration read once from the environment. */
import path from 'node:path';
import { assertStorageKey } from './storage';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  filesDir: string;
  /** STORAGE and S3_*: where file bytes live (see README "Several nodes behind nginx"). */
  storage: StorageSettings;
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
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** S3-compatible object storage (STORAGE=s3): MinIO, Ceph RGW or S3. */
export interface S3StorageSettings {
  kind: 's3';
  /** S3_ENDPOINT, e.g. http://minio.internal:9000; unset → AWS S3 in S3_REGION. */
  endpoint: string | undefined;
  bucket: string;
  region: string;
  /** Path-style URLs (http://host/bucket/key): what MinIO and Ceph expect; default on whenever S3_ENDPOINT is set. */
  forcePathStyle: boolean;
  /** Both or neither; neither → the AWS SDK's default credential chain (AWS_* variables, profile, instance role). */
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  /** S3_PREFIX: a folder inside the bucket (no leading or trailing slash), so one bucket can serve several deployments. */
  prefix: string;
}

/** Where file bytes live: the local disk (one node) or an object store shared by every node. */
export type StorageSettings = { kind: 'local'; dir: string } | S3StorageSettings;

function flag(name: string, value: string | undefined, fallback: boolean): boolean {
  const v = (value ?? '').trim().toLowerCase();
  if (!v) return fallback;
  if (['true', '1', 'yes'].includes(v)) return true;
  if (['false', '0', 'no'].includes(v)) return false;
  throw new Error(`${name}=${value} 无效：应为 true 或 false`);
}

/** STORAGE=local (default) or s3 with the S3_* settings; a missing or contradictory setting stops the start with its name. */
export function parseStorage(env: NodeJS.ProcessEnv, filesDir: string): StorageSettings {
  const kind = (env.STORAGE ?? '').trim().toLowerCase();
  if (!kind || kind === 'local') return { kind: 'local', dir: filesDir };
  if (kind !== 's3') throw new Error(`STORAGE=${env.STORAGE} 无效：应为 local 或 s3`);
  const bucket = (env.S3_BUCKET ?? '').trim();
  if (!bucket) throw new Error('STORAGE=s3 需要 S3_BUCKET（存储桶名称）');
  const accessKeyId = env.S3_ACCESS_KEY_ID?.trim() || undefined;
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY || undefined;
  if (!accessKeyId !== !secretAccessKey) throw new Error('S3_ACCESS_KEY_ID 与 S3_SECRET_ACCESS_KEY 须同时设置');
  const endpoint = env.S3_ENDPOINT?.trim() || undefined;
  if (endpoint && !/^https?:\/\/[^/\s]+/.test(endpoint)) throw new Error(`S3_ENDPOINT=${endpoint} 无效：应为 http(s)://主机:端口`);
  const prefix = (env.S3_PREFIX ?? '').trim().replace(/^\/+|\/+$/g, '');
  if (prefix) {
    try {
      assertStorageKey(prefix);
    } catch {
      throw new Error(`S3_PREFIX=${env.S3_PREFIX} 无效：只能含小写字母、数字、. _ - 和 /，且不能含 . 或 .. 段`);
    }
  }
  return {
    kind: 's3',
    endpoint,
    bucket,
    region: env.S3_REGION?.trim() || 'us-east-1',
    forcePathStyle: flag('S3_FORCE_PATH_STYLE', env.S3_FORCE_PATH_STYLE, Boolean(endpoint)),
    accessKeyId,
    secretAccessKey,
    prefix,
  };
}

/** Reads configuration from process.env (see README "配置 / Configuration"). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  const filesDir = path.resolve(env.FILES_DIR ?? path.join(dataDir, 'files'));
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    filesDir,
    storage: parseStorage(env, filesDir),
    seedDemo: env.SEED_DEMO !== 'false' && env.SEED_DEMO !== '0',
    isProduction: env.NODE_ENV === 'production',
    isTest: env.NODE_ENV === 'test',
    cookieSecure: env.COOKIE_SECURE === 'true' ? true : env.COOKIE_SECURE === 'false' ? false : undefined,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    outboxDir: path.resolve(env.OUTBOX_DIR ?? path.join(dataDir, 'outbox')),
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
  };
}
