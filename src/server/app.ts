import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { Database } from '../db/engine.ts';
import { migrationStatus } from '../db/migrate.ts';
import type { Mailer } from '../kernel/mail.ts';
import { Problem, PROBLEM_TYPES, type ProblemType } from '../kernel/problem.ts';
import { auditRoutes, createAuditService } from '../modules/audit/index.ts';
import { createDirectoryService, directoryRoutes, MapClusters } from '../modules/directory/index.ts';
import { createIdentityService, identityRoutes } from '../modules/identity/index.ts';
import { createInsightsService, insightsReportChapter, insightsRoutes } from '../modules/insights/index.ts';
import { createProgramsService, programsRoutes } from '../modules/programs/index.ts';
import { createNotificationsService, notificationsRoutes } from '../modules/notifications/index.ts';
import { createSharingService, sharingRoutes } from '../modules/sharing/index.ts';
import { createSpacesService, spacesRoutes } from '../modules/spaces/index.ts';
import { procurementRoutes } from '../modules/procurement/index.ts';
import { ordersRoutes } from '../modules/orders/index.ts';
import { systemContext } from '../kernel/context.ts';
import { authPlugin } from './plugins/auth.ts';
import { registerErrorHandling, sendProblem, type Fallback } from './plugins/errors.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { validatorCompiler } from './validation.ts';
import { VERSION } from '../version.ts';
import { landingPage } from './landing.ts';
import { registerWeb } from './web.ts';

export interface AppDeps {
  database: Database;
  config: Config;
  mailer: Mailer;
  /** false in tests; pino options otherwise. */
  logger?: boolean | object;
  /** The built web app (web/dist) to serve at /; without it / shows a short page pointing to the API. */
  webDist?: string;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Assembles the whole platform: plugins, then every module's routes. Listening is the caller's job. */
export async function buildApp({ database, config, mailer, logger, webDist }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
    },
    // Keep a caller's request id when it is sane, so a request can be followed across services.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const fallback: { current?: Fallback } = {};
  registerErrorHandling(app, fallback);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: { 'img-src': ["'self'", 'data:'], 'style-src': ["'self'", "'unsafe-inline'"], 'upgrade-insecure-requests': null },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: config.cookieSecure,
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      Object.assign(new Problem('rate-limited', {
        ko: `요청이 너무 많습니다. ${Math.ceil(ctx.ttl / 1000)}초 뒤에 다시 시도하세요`,
        en: `Too many requests; try again in ${Math.ceil(ctx.ttl / 1000)} s`,
      }), { statusCode: 429 }),
  });
  await registerOpenApi(app, VERSION);

  const { db } = database;
  const identity = createIdentityService(db, mailer, {
    sessionIdleHours: config.sessionIdleHours,
    loginMaxFailures: config.loginMaxFailures,
    loginLockMinutes: config.loginLockMinutes,
    resetTokenMinutes: 60,
    publicUrl: config.publicUrl,
    signupOpen: config.signupOpen,
  });
  await app.register(authPlugin, { identity, cookieSecure: config.cookieSecure });
  const housekeeping = setInterval(() => {
    identity.purgeExpiredSessions().catch((error: unknown) => app.log.warn({ err: error }, 'session purge failed'));
  }, 3_600_000);
  housekeeping.unref();
  app.addHook('onClose', async () => clearInterval(housekeeping));

  // Liveness: the process answers. Readiness: the database answers and every migration is applied.
  app.get('/healthz', { schema: { tags: ['ops'], summary: 'Liveness', response: { 200: z.object({ status: z.literal('ok'), version: z.string() }) } } }, async () => ({
    status: 'ok' as const,
    version: VERSION,
  }));
  app.get(
    '/readyz',
    { schema: { tags: ['ops'], summary: 'Readiness: database reachable and migrated', response: { 200: z.object({ status: z.literal('ready'), engine: z.string(), migrations: z.number() }) } } },
    async (req, reply) => {
      try {
        const s = await migrationStatus(database);
        if (s.pending.length) throw new Error(`pending migrations: ${s.pending.join(', ')}`);
        return { status: 'ready' as const, engine: database.engine, migrations: s.applied.length };
      } catch (error) {
        req.log.warn({ err: error }, 'not ready');
        return sendProblem(req, reply, new Problem('unavailable', { ko: '데이터베이스가 준비되지 않았습니다', en: `Database not ready: ${(error as Error).message}` }));
      }
    },
  );
  app.get('/problems/:type', { schema: { hide: true, params: z.object({ type: z.string() }) } }, async (req, reply) => {
    const known = PROBLEM_TYPES[req.params.type as ProblemType];
    if (!known) throw new Problem('not-found');
    return reply.type('application/json').send({ type: `/problems/${req.params.type}`, status: known.status, title: known.title });
  });
  if (webDist) fallback.current = await registerWeb(app, webDist);
  else app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.type('text/html; charset=utf-8').send(landingPage()));

  await app.register(identityRoutes(identity, { cookieSecure: config.cookieSecure, loginRateLimit: { max: config.loginRatePerMinute, timeWindow: 60_000 } }));
  await app.register(auditRoutes(createAuditService(db)));
  const directory = createDirectoryService(db);
  await app.register(directoryRoutes(directory, new MapClusters(directory), { publicUrl: config.publicUrl }));
  await app.register(notificationsRoutes(createNotificationsService(db)));
  const sharingMembers = systemContext('sharing-mail');
  await app.register(
    sharingRoutes(
      createSharingService({
        db,
        mailer,
        publicUrl: config.publicUrl,
        membersOf: async (organizationId) => (await identity.listMembers(sharingMembers, organizationId)).map((m) => ({ userId: m.userId, email: m.email })),
      }),
    ),
  );
  // The annual report carries the statistics of the social economy as a chapter (insights).
  await app.register(programsRoutes(createProgramsService(db, { chapters: [insightsReportChapter(db)] })));
  await app.register(insightsRoutes(createInsightsService(db)));
  const mailContext = systemContext('spaces-mail');
  const spaces = createSpacesService({
    db,
    mailer,
    publicUrl: config.publicUrl,
    log: (error, msg) => app.log.warn({ err: error }, msg),
    people: {
      contactOf: async (userId) => identity.getUser(mailContext, userId).then((u) => ({ email: u.email, displayName: u.displayName }), () => undefined),
      staff: async () => (await identity.listUsers(mailContext, { role: 'staff', page: 1, pageSize: 100 })).items.filter((u) => !u.disabled).map((u) => ({ userId: u.id, email: u.email })),
    },
  });
  await app.register(spacesRoutes(spaces, { publicRateLimit: { max: config.loginRatePerMinute, timeWindow: 60_000 } }));
  await app.register(procurementRoutes({ database, mailer, publicUrl: config.publicUrl }));
  await app.register(ordersRoutes({ database, mailer, publicUrl: config.publicUrl }));
  return app;
}
