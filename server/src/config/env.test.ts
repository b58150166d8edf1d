import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './env.ts';

describe('loadConfig', () => {
  it('has working defaults for the embedded setup', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      tenantTemplateDb: 'smartket_tenant_template',
    });
    expect(config.dataDir).toMatch(/\.data$/);
  });

  it.each([
    [{ PORT: 'tres mil' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x@y/z', SECRET_KEY: 'a'.repeat(64) }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'postgres://u:p@localhost/db' }, 'SECRET_KEY'],
    [{ SECRET_KEY: 'corta' }, 'SECRET_KEY'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ TRUSTED_ORIGINS: 'not a url' }, 'TRUSTED_ORIGINS'],
  ])('stops with a message naming the variable: %o', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^\\s*${variable}`, 'm'));
  });
});
