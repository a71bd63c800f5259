import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('should default to the local services on port 3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/floor_os',
      redisUrl: 'redis://127.0.0.1:6379',
      publicBaseUrl: 'http://127.0.0.1:3000',
      loginMaxFailures: 5,
      cookieSecure: false,
      metricsToken: null,
    });
  });

  it('should derive PUBLIC_BASE_URL from PORT and make cookies Secure behind https', () => {
    expect(loadConfig({ PORT: '8080' }).publicBaseUrl).toBe('http://127.0.0.1:8080');
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://floor.example/' })).toMatchObject({ publicBaseUrl: 'https://floor.example', cookieSecure: true });
  });

  it('should report one line per bad variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', REDIS_URL: 'nope', LOG_LEVEL: 'loud', SESSION_TTL_HOURS: '0' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(5);
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'REDIS_URL', 'SESSION_TTL_HOURS']);
    expect(problems.find((p) => p.startsWith('PORT'))).toBe('PORT: must be a whole number from 0 to 65535 (got "abc")');
  });

  it('should refuse to start in production without an APP_SECRET, and refuse a short one anywhere', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/APP_SECRET: required when NODE_ENV=production/);
    expect(() => loadConfig({ APP_SECRET: 'short' })).toThrow(/APP_SECRET: must be at least 32 characters/);
    expect(loadConfig({ NODE_ENV: 'production', APP_SECRET: 'x'.repeat(32) }).cookieSecure).toBe(true);
  });
});
