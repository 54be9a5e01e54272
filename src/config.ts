import { resolve } from 'node:path';
import { z } from 'zod';

/** Every setting sehub reads from the environment, with its default. README lists them. */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  SEHUB_DATA_DIR: z.string().default('./data'),
  SEHUB_PUBLIC_URL: z.url().optional(),
  SEHUB_SIGNUP: z.enum(['open', 'closed']).default('open'),
  SEHUB_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  SEHUB_SESSION_IDLE_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 7),
  SEHUB_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  SEHUB_LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  SEHUB_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  SEHUB_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('sehub <no-reply@localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  publicUrl: string;
  signupOpen: boolean;
  trustProxy: boolean;
  cookieSecure: boolean;
  sessionIdleHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  loginRatePerMinute: number;
  bodyLimit: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration / 설정값 오류:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = e.SEHUB_PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.SEHUB_DATA_DIR),
    publicUrl,
    signupOpen: e.SEHUB_SIGNUP === 'open',
    trustProxy: e.SEHUB_TRUST_PROXY === 'true',
    cookieSecure: publicUrl.startsWith('https://'),
    sessionIdleHours: e.SEHUB_SESSION_IDLE_HOURS,
    loginMaxFailures: e.SEHUB_LOGIN_MAX_FAILURES,
    loginLockMinutes: e.SEHUB_LOGIN_LOCK_MINUTES,
    loginRatePerMinute: e.SEHUB_LOGIN_RATE_PER_MINUTE,
    bodyLimit: e.SEHUB_BODY_LIMIT_BYTES,
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
  };
}
