import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from './config.ts';
import { openConfigured } from './db/configured.ts';
import type { Database } from './db/engine.ts';
import { migrate } from './db/migrate.ts';
import { seedDemo } from './demo/index.ts';
import { LogMailer, SmtpMailer, type Mailer } from './kernel/mail.ts';
import { buildApp } from './server/app.ts';
import { ensureWebBuild } from './server/web.ts';

export { openConfigured };

export interface Running {
  app: FastifyInstance;
  database: Database;
  url: string;
  stop(): Promise<void>;
}

/** `sehub serve`: migrate, optionally load demo data, listen. */
export async function startServer(opts: { demo?: boolean; config?: Config } = {}): Promise<Running> {
  const config = opts.config ?? loadConfig();
  const database = await openConfigured(config);
  try {
    await migrate(database);
    const mailer: Mailer = config.smtpUrl
      ? new SmtpMailer(config.smtpUrl, config.mailFrom)
      : new LogMailer((obj, msg) => app.log.info(obj, msg));
    const webDist = await ensureWebBuild((msg) => console.log(`  ${msg}`));
    const app = await buildApp({ database, config, mailer, webDist });
    if (opts.demo) {
      const demo = await seedDemo(database);
      if (demo) app.log.info({ accounts: demo }, 'demo data loaded / 데모 데이터를 넣었습니다');
    }
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
    return {
      app,
      database,
      url,
      stop: async () => {
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
