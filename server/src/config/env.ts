import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATA_DIR: z.string().min(1).default('.data'),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
    SECRET_KEY: z
      .string()
      .regex(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, {
        error: 'must be 32 bytes as 64 hex characters or 44 base64 characters',
      })
      .optional(),
    TENANT_TEMPLATE_DB: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, { error: 'must be a lowercase PostgreSQL identifier' })
      .default('smartket_tenant_template'),
    APP_DOMAIN: z
      .string()
      .regex(/^[a-z0-9.-]+(:\d+)?$/, { error: 'must be a host name such as smartket.pe' })
      .optional(),
    TRUSTED_ORIGINS: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url())),
    TRUST_PROXY: booleanFlag.default(false),
    PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }).optional(),
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
    MAIL_FROM: z.string().min(3).default('SmartKet <no-reply@smartket.pe>'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    BODY_LIMIT_KB: z.coerce.number().int().min(1).max(10_240).default(100),
    AUTH_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(30),
    AUTH_RATE_LIMIT_PER_EMAIL: z.coerce.number().int().min(1).default(10),
    AUTH_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
    TENANT_POOL_MAX: z.coerce.number().int().min(1).max(20).default(3),
    TENANT_ORM_CACHE_MAX: z.coerce.number().int().min(1).default(200),
    TENANT_CONNECTIONS_MAX: z.coerce.number().int().min(1).default(60),
    TENANT_IDLE_SECONDS: z.coerce.number().int().min(1).default(30),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  })
  .superRefine((env, ctx) => {
    if (env.DATABASE_URL && !env.SECRET_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['SECRET_KEY'],
        message: 'is required with DATABASE_URL (tenant database passwords are encrypted with it)',
      });
    }
  });

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  dataDir: string;
  /** Admin database URL; undefined means "start the embedded PostgreSQL under dataDir". */
  databaseUrl: string | undefined;
  secretKey: string | undefined;
  tenantTemplateDb: string;
  appDomain: string | undefined;
  trustedOrigins: string[];
  trustProxy: boolean;
  /** Origin of links sent out (invitations, pairing QR); else each request's own origin. */
  publicUrl: string | undefined;
  /** Where e-mail goes; unset on the embedded default, where e-mails are written to the log. */
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  sessionDays: number;
  bodyLimitKb: number;
  authRateLimit: { perIp: number; perEmail: number; windowSeconds: number };
  tenantPools: { poolMax: number; cacheMax: number; connectionsMax: number; idleSeconds: number };
  embeddedPgPort: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the configuration once from the environment. A bad value throws a ConfigError
 * naming every variable at fault, so start-up stops with a message a person can act on.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    dataDir: path.resolve(env.DATA_DIR),
    databaseUrl: env.DATABASE_URL,
    secretKey: env.SECRET_KEY,
    tenantTemplateDb: env.TENANT_TEMPLATE_DB,
    appDomain: env.APP_DOMAIN,
    trustedOrigins: env.TRUSTED_ORIGINS,
    trustProxy: env.TRUST_PROXY,
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, ''),
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    logLevel: env.LOG_LEVEL,
    sessionDays: env.SESSION_DAYS,
    bodyLimitKb: env.BODY_LIMIT_KB,
    authRateLimit: {
      perIp: env.AUTH_RATE_LIMIT_PER_IP,
      perEmail: env.AUTH_RATE_LIMIT_PER_EMAIL,
      windowSeconds: env.AUTH_RATE_LIMIT_WINDOW_SECONDS,
    },
    tenantPools: {
      poolMax: env.TENANT_POOL_MAX,
      cacheMax: env.TENANT_ORM_CACHE_MAX,
      connectionsMax: env.TENANT_CONNECTIONS_MAX,
      idleSeconds: env.TENANT_IDLE_SECONDS,
    },
    embeddedPgPort: env.EMBEDDED_PG_PORT,
  };
}
