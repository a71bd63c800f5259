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
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://floor.example/' })).toMatchObject({
      publicBaseUrl: 'https://floor.example',
      cookieSecure: true,
    });
  });

  it('should report one line per bad variable', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'abc',
        DATABASE_URL: 'mysql://x',
        REDIS_URL: 'nope',
        LOG_LEVEL: 'loud',
        SESSION_TTL_HOURS: '0',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(5);
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'DATABASE_URL',
      'LOG_LEVEL',
      'PORT',
      'REDIS_URL',
      'SESSION_TTL_HOURS',
    ]);
    expect(problems.find((p) => p.startsWith('PORT'))).toBe('PORT: must be a whole number from 0 to 65535 (got "abc")');
  });

  it('should refuse to start in production without an APP_SECRET, and refuse a short one anywhere', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/APP_SECRET: required when NODE_ENV=production/);
    expect(() => loadConfig({ APP_SECRET: 'short' })).toThrow(/APP_SECRET: must be at least 32 characters/);
    expect(loadConfig({ NODE_ENV: 'production', APP_SECRET: 'x'.repeat(32) }).cookieSecure).toBe(true);
  });

  it('should trust no proxy by default, and take TRUST_PROXY as true, false, a number of hops or addresses and ranges', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.7 ,::1,fd00::/8,loopback' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '192.168.1.7',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    for (const bad of ['yes', '10.0.0.0/33', '10.0.0.300', 'proxy.example', '10.0.0.0/8/1', ',']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(
        /TRUST_PROXY: must be false, true, a number of hops or comma-separated addresses\/CIDR ranges/,
      );
    }
  });

  it('should default the sign-in and abuse limits to decided detail 32, and serve the API docs unless API_DOCS=false', () => {
    expect(loadConfig({})).toMatchObject({
      loginMaxFailures: 5,
      loginLockoutMinutes: 15,
      loginEmailMaxFailures: 50,
      loginEmailWindowMinutes: 60,
      signInRateLimit: 100,
      invitationRateLimit: 20,
      webhookRefusalRateLimit: 60,
      apiDocs: true,
    });
    expect(loadConfig({ API_DOCS: 'false' }).apiDocs).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', APP_SECRET: 'x'.repeat(32) }).apiDocs).toBe(true);
    expect(() => loadConfig({ API_DOCS: 'off' })).toThrow(/API_DOCS: must be true or false \(got "off"\)/);
    expect(() => loadConfig({ RATE_LIMIT_SIGN_IN_PER_MINUTE: '0' })).toThrow(
      /RATE_LIMIT_SIGN_IN_PER_MINUTE: must be a whole number/,
    );
  });
});
