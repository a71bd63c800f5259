import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, TestApp } from './support/app';
import { makeTenant, makeUser, PASSWORD } from './support/factories';
import { Http } from './support/http';

/** The CSP's directives by name. */
function csp(header: string | null): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name, values);
  }
  return directives;
}

describe('edges: cookies, security headers, API docs', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    t = await startApp();
    http = new Http(t.baseUrl);
  });
  afterAll(() => t.close());

  it('should answer a malformed session cookie as an anonymous caller (401), not a 500', async () => {
    for (const cookie of ['floor_session=%E0%A4%A', 'floor_session=%', 'other=1; floor_session=%ZZ']) {
      const result = await http.get('/api/v1/auth/me', { cookie });
      expect(result.status, cookie).toBe(401);
      expect(result.body.code).toBe('UNAUTHENTICATED');
    }
    // Public routes do not mind it either.
    expect((await http.get('/health/live', { cookie: 'floor_session=%E0%A4%A' })).status).toBe(200);
    const user = await makeUser(t.db, await makeTenant(t.db), ['hr']);
    expect(
      (
        await http.post(
          '/api/v1/auth/login',
          { email: user.email, password: PASSWORD },
          { cookie: 'floor_session=%E0%A4%A' },
        )
      ).status,
    ).toBe(200);
  });

  it('should send security headers on API answers, errors and the docs: a CSP that forbids framing, and no HSTS on http', async () => {
    for (const path of ['/health/live', '/api/v1/auth/me', '/api/docs', '/no/such/route']) {
      const result = await http.get(path);
      const policy = csp(result.headers.get('content-security-policy'));
      expect(policy.get('frame-ancestors'), path).toEqual(["'none'"]);
      expect(policy.get('default-src')).toEqual(["'self'"]);
      expect(policy.get('script-src')).toEqual(["'self'"]);
      expect(policy.get('object-src')).toEqual(["'none'"]);
      expect(policy.has('upgrade-insecure-requests')).toBe(false);
      expect(result.headers.get('x-frame-options')).toBe('DENY');
      expect(result.headers.get('x-content-type-options')).toBe('nosniff');
      expect(result.headers.get('referrer-policy')).toBe('no-referrer');
      expect(result.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('should serve Swagger UI within that policy: only same-origin scripts, its inline style allowed', async () => {
    const page = await http.get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger-ui');
    const scripts = [...page.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(body.trim(), 'an inline script would need unsafe-inline').toBe('');
      const src = /src="([^"]+)"/.exec(attributes)?.[1];
      expect(src).toBeDefined();
      const url = new URL(src!, `${t.baseUrl}/api/docs/`);
      expect(url.origin).toBe(t.baseUrl);
      expect((await http.get(url.pathname)).status, url.pathname).toBe(200);
    }
    expect(csp(page.headers.get('content-security-policy')).get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect((await http.get('/api/docs-json')).body.info.title).toBe('Floor OS back office API');
  });
});

describe('edges: settings', () => {
  it('should serve no API docs with API_DOCS=false', async () => {
    const t = await startApp({ API_DOCS: 'false' });
    try {
      const http = new Http(t.baseUrl);
      for (const path of ['/api/docs', '/api/docs/', '/api/docs-json', '/api/docs-yaml'])
        expect((await http.get(path)).status, path).toBe(404);
      expect((await http.get('/health/live')).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('should send HSTS and upgrade-insecure-requests only when PUBLIC_BASE_URL is https', async () => {
    const t = await startApp({ PUBLIC_BASE_URL: 'https://floor.example.test' });
    try {
      const result = await new Http(t.baseUrl).get('/health/live');
      expect(result.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expect(csp(result.headers.get('content-security-policy')).has('upgrade-insecure-requests')).toBe(true);
    } finally {
      await t.close();
    }
  });
});
