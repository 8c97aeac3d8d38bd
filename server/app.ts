/** Builds the HTTP app from the modules (no logic here). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { sql } from 'kysely';
import { z } from 'zod';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import { contractSerializerCompiler } from './platform/serializer';
import type { Clock } from './platform/clock';
import type { Database } from './platform/db';
import { registerHttpPlatform } from './platform/http';
import { registerSecurityHeaders } from './platform/security-headers';
import { inputGuardOptions, registerInputGuards } from './platform/input-guards';
import { FileOutboxTransport, type MessageTransport } from './platform/outbox';
import { LocalDiskStorage, type FileStorage } from './platform/storage';
import { registerAfterCommit } from './platform/jobs-after-commit';
import { registerCompression, registerWebApp } from './platform/serve-web';
import { authRoutes } from './modules/auth/routes';
import { regionRoutes } from './modules/regions/routes';
import { unitRoutes } from './modules/units/routes';
import { campaignRoutes } from './modules/campaigns/routes';
import { userRoutes } from './modules/users/routes';
import { auditRoutes } from './modules/audit/routes';
import { homeRoutes } from './modules/home/routes';
import { fileRoutes } from './modules/files/routes';
import { problemRoutes } from './modules/problems/routes';
import { categoryRoutes } from './modules/problem-categories/routes';
import { problemSettingsRoutes } from './modules/problem-settings/routes';
import { supervisionRoutes } from './modules/supervision/routes';
import { notificationRoutes } from './modules/notifications/routes';
import { siteRoutes, siteTypeRoutes } from './modules/sites/routes';
import { standardRoutes } from './modules/standards/routes';
import { inspectionRoutes } from './modules/inspections/routes';
import { materialRoutes } from './modules/materials/routes';
import { indicatorRoutes } from './modules/indicators/routes';
import { patrolRoutes } from './modules/patrols/routes';
import { mapSettingsRoutes } from './modules/map-settings/routes';
import { evaluationRoutes } from './modules/evaluation/routes';
import { predictionRoutes } from './modules/prediction/routes';
import { dashboardRoutes } from './modules/dashboard/routes';
import { rewardRoutes } from './modules/rewards/routes';
import { exposureRoutes } from './modules/exposure/routes';
import { publicExposureRoutes } from './modules/exposure/public-routes';
import { surveyRoutes } from './modules/surveys/routes';
import { planRoutes } from './modules/plans/routes';
import { taskRoutes } from './modules/plans/task-routes';
import { progressRoutes } from './modules/plans/progress-routes';
import { taskSettingsRoutes } from './modules/plans/task-settings-routes';
import { projectRoutes } from './modules/projects/routes';
import { publicSurveyRoutes } from './modules/surveys/public-routes';
import { surveyResultRoutes } from './modules/surveys/results-routes';
import { publicReportRoutes } from './modules/public-reports/routes';
import { citizenReportRoutes } from './modules/public-reports/staff-routes';
import { integrationRoutes } from './modules/integrations/routes';
import { open311Routes } from './modules/open311/routes';
import { hotlineRoutes } from './modules/hotline/routes';
import { registerVolunteerRoutes } from './modules/volunteers/routes';
import { registerHonourRoutes } from './modules/honours/routes';
import { registerCharityRoutes } from './modules/charity/routes';
import { redactLogObject, requestLogSerializer } from './platform/log-redact';

z.config(z.locales.zhCN());

export interface AppOptions {
  database: Database;
  clock: Clock;
  logLevel?: string;
  /** Where log lines go (default stdout); tests capture them to check what is logged. */
  logStream?: { write(line: string): void };
  cookieSecure?: boolean;
  serveWeb?: boolean;
  /** Brotli/gzip answers and the build's precompressed assets (default on; off behind a proxy that compresses). */
  compression?: boolean;
  /** The local disk directory for files when no `storage` is given; the outbox defaults to a sibling of it. */
  filesDir?: string;
  /** Where file bytes live (built once from STORAGE by `openStorage`); default: the local disk under `filesDir`. */
  storage?: FileStorage;
  /** Where outbound messages are written for an operator to hand over (default: beside filesDir, `outbox/`). */
  outboxDir?: string;
  /** Which proxies may set X-Forwarded-For (TRUST_PROXY): addresses/CIDRs, a hop count, or nobody (default). */
  trustProxy?: boolean | string | string[] | number;
  /**
   * The after-commit drain loop's period in ms (a server node: `DRAIN_EVERY_MS`); 0 (default): only the wake after a
   * request's COMMIT and explicit drains deliver (tests, scripts).
   */
  afterCommitDrainMs?: number;
}

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

/** Creates the Fastify app; call `ready()` or `listen()` on it. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: opts.logLevel ?? 'info',
      redact: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'req.headers["x-api-key"]',
        'req.body.api_key',
      ],
      // Integrator keys in query strings (Open311 clients send api_key there) are redacted from logged URLs.
      serializers: { req: requestLogSerializer },
      // …and from any logged body or query, whatever the key's case or percent-encoding.
      formatters: { log: redactLogObject },
      ...(opts.logStream ? { stream: opts.logStream } : {}),
    },
    trustProxy: trustProxyOption(opts.trustProxy),
    bodyLimit: 2 * 1024 * 1024,
    ...inputGuardOptions,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(contractSerializerCompiler());
  await app.register(cookie);
  registerSecurityHeaders(app);
  if (opts.compression !== false) await registerCompression(app);
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: { info: { title: '创城 API', version: '0.1.0', description: '城市创建工作指挥平台接口' } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const filesDir = opts.filesDir ?? path.resolve('data/files');
  const outbox = new FileOutboxTransport(opts.outboxDir ?? path.join(path.dirname(filesDir), 'outbox'), app.log);
  // One storage for the whole app: every module that keeps files gets this instance (none builds its own).
  const storage = opts.storage ?? new LocalDiskStorage(filesDir);
  const deps: ModuleDeps = { db: opts.database.db, clock: opts.clock, cookieSecure: opts.cookieSecure, storage, outbox };
  registerHttpPlatform(app, deps);
  registerInputGuards(app);
  registerAfterCommit(app, deps, { everyMs: opts.afterCommitDrainMs ?? 0 });

  // Liveness for load balancers and scripts: the database answers; nothing else is said (no version, no counts).
  const healthResponse = z.object({ status: z.literal('ok'), database: z.enum(['embedded', 'postgres']) });
  app.get('/api/health', { config: { isPublic: true }, schema: { response: { 200: healthResponse } } }, async () => {
    await sql`select 1`.execute(deps.db);
    return { status: 'ok', database: opts.database.engine };
  });

  await app.register(authRoutes(deps), { prefix: '/api/auth' });
  await app.register(homeRoutes(deps), { prefix: '/api/home' });
  await app.register(regionRoutes(deps), { prefix: '/api/regions' });
  await app.register(unitRoutes(deps), { prefix: '/api/units' });
  await app.register(campaignRoutes(deps), { prefix: '/api/campaigns' });
  await app.register(userRoutes(deps), { prefix: '/api/users' });
  await app.register(auditRoutes(deps), { prefix: '/api/audit-events' });
  await app.register(fileRoutes(deps), { prefix: '/api/files' });
  await app.register(problemRoutes(deps), { prefix: '/api/problems' });
  await app.register(categoryRoutes(deps), { prefix: '/api/problem-categories' });
  await app.register(problemSettingsRoutes(deps), { prefix: '/api/problem-settings' });
  await app.register(supervisionRoutes(deps), { prefix: '/api/supervision-notices' });
  await app.register(notificationRoutes(deps), { prefix: '/api/notifications' });
  await app.register(siteRoutes(deps), { prefix: '/api/sites' });
  await app.register(siteTypeRoutes(deps), { prefix: '/api/site-types' });
  await app.register(standardRoutes(deps), { prefix: '/api/standards' });
  await app.register(inspectionRoutes(deps), { prefix: '/api/inspection-rounds' });
  await app.register(materialRoutes(deps), { prefix: '/api/materials' });
  await app.register(indicatorRoutes(deps), { prefix: '/api/indicators' });
  await app.register(patrolRoutes(deps), { prefix: '/api/patrols' });
  await app.register(mapSettingsRoutes(deps), { prefix: '/api/map-settings' });
  await app.register(evaluationRoutes(deps), { prefix: '/api/evaluation' });
  await app.register(predictionRoutes(deps), { prefix: '/api/prediction' });
  await app.register(dashboardRoutes(deps), { prefix: '/api/dashboard' });
  await app.register(rewardRoutes(deps), { prefix: '/api/rewards' });
  await app.register(exposureRoutes(deps), { prefix: '/api/exposures' });
  await app.register(publicExposureRoutes(deps), { prefix: '/api/public' });
  await app.register(publicReportRoutes(deps), { prefix: '/api/public' });
  await app.register(citizenReportRoutes(deps), { prefix: '/api/citizen-reports' });
  await app.register(integrationRoutes(deps), { prefix: '/api/integrations' });
  await app.register(hotlineRoutes(deps), { prefix: '/api/hotline' });
  await app.register(open311Routes(deps), { prefix: '/open311/v2' });
  await app.register(surveyRoutes(deps), { prefix: '/api/surveys' });
  await app.register(surveyResultRoutes(deps), { prefix: '/api/surveys' });
  await app.register(publicSurveyRoutes(deps), { prefix: '/api/public/surveys' });
  await app.register(planRoutes(deps), { prefix: '/api/plans' });
  await app.register(taskRoutes(deps), { prefix: '/api/tasks' });
  await app.register(progressRoutes(deps), { prefix: '/api' });
  await app.register(projectRoutes(deps), { prefix: '/api/projects' });
  await app.register(taskSettingsRoutes(deps), { prefix: '/api/task-settings' });
  await registerVolunteerRoutes(app, deps);
  await registerHonourRoutes(app, deps);
  await registerCharityRoutes(app, deps);

  if (opts.serveWeb !== false) await registerWebApp(app, WEB_DIST, { compressed: opts.compression !== false });
  return app;
}

/** A hop count as the function Fastify's types accept (proxy-addr semantics: trust the nearest `n` hops). */
function trustProxyOption(tp: AppOptions['trustProxy']) {
  const hops = tp;
  return typeof hops === 'number' ? (_address: string, hop: number) => hop < hops : (hops ?? false);
}

export type ModuleDeps = {
  db: Database['db'];
  clock: Clock;
  /** COOKIE_SECURE override; undefined: Secure exactly when the request came over HTTPS (trusted proxies included). */
  cookieSecure: boolean | undefined;
  /** Where file bytes live: local disk or the S3-compatible store shared by every node (platform/storage.ts). */
  storage: FileStorage;
  outbox: MessageTransport;
};
