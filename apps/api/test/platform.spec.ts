import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropDatabase, ensureDatabase } from '../src/database/database-admin';
import { runMigrations } from '../src/database/migrations';
import { startApp, TestApp } from './support/app';
import { makeTenant, makeUser, PASSWORD } from './support/factories';
import { Http } from './support/http';

describe('health, metrics, docs, errors and logs', () => {
  let t: TestApp;
  let http: Http;
  let logFile: string;

  beforeAll(async () => {
    logFile = join(mkdtempSync(join(tmpdir(), 'floor-logs-')), 'api.log');
    t = await startApp({ LOG_LEVEL: 'info', LOG_DESTINATION: logFile });
    http = new Http(t.baseUrl);
  });
  afterAll(() => t.close());

  it('should answer live and ready with the database and Redis up', async () => {
    expect((await http.get('/health/live')).body).toEqual({ status: 'ok' });
    const ready = await http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('should serve Prometheus metrics with an HTTP latency histogram by route pattern and process metrics', async () => {
    const user = await makeUser(t.db, await makeTenant(t.db), ['hr']);
    const cookie = await http.login(user.email, PASSWORD);
    await http.get(`/api/v1/users/${user.id}`, { cookie });
    const metrics = await http.get('/metrics');
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(metrics.text).toMatch(
      /http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/api\/v1\/users\/:id",status_code="200"\} \d+/,
    );
    expect(metrics.text).toMatch(
      /http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/auth\/login",status_code="200"\} [1-9]/,
    );
    expect(metrics.text).toContain('process_cpu_user_seconds_total');
    expect(metrics.text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('should serve the OpenAPI document with the API routes in it', async () => {
    const docs = await http.get('/api/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/users', '/api/v1/api-keys', '/api/v1/tenants/{id}']),
    );
    expect((await http.get('/api/docs')).status).toBe(200);
  });

  it('should answer an unknown route with a 404 in the error shape', async () => {
    const result = await http.get('/api/v1/no-such-thing');
    expect(result.status).toBe(404);
    expect(result.body).toMatchObject({ status_code: 404, error: 'Not Found', code: 'NOT_FOUND' });
    expect(result.body.correlation_id).toBe(result.headers.get('x-correlation-id'));
  });

  it('should answer a malformed JSON body with 400 and an oversized one with 413', async () => {
    const bad = await http.request('POST', '/api/v1/auth/login', {
      body: '{"email":',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.status_code).toBe(400);
    const huge = await http.post('/api/v1/auth/login', { email: 'a@b.c', password: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ status_code: 413, message: 'Request body is too large' });
  });

  it("should keep a caller's correlation id and write it with every log line of the request, without emails", async () => {
    const user = await makeUser(t.db, await makeTenant(t.db), ['hr']);
    await http.post(
      '/api/v1/auth/login',
      { email: user.email, password: 'wrong-password' },
      { headers: { 'x-correlation-id': 'dialer-req-0001' } },
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const lines = readFileSync(logFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const ours = lines.filter((line) => line.correlation_id === 'dialer-req-0001');
    expect(ours.map((line) => line.msg)).toEqual(expect.arrayContaining(['failed sign-in', 'request completed']));
    expect(ours.find((line) => line.msg === 'failed sign-in').email).toBe('***@example.test');
    expect(readFileSync(logFile, 'utf8')).not.toContain(user.email);
  });
});

describe('when a dependency is down', () => {
  it('should answer ready 503 naming Redis when Redis does not answer', async () => {
    const t = await startApp({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const ready = await new Http(t.baseUrl).get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({
        status: 'error',
        message: 'Not ready: redis is down',
        error: { redis: { status: 'down' } },
        info: { database: { status: 'up' } },
      });
    } finally {
      await t.close();
    }
  });

  it('should answer ready 503 naming the database, and 500 with a correlation id and no internals elsewhere', async () => {
    const url = new URL(inject('databaseUrl'));
    url.pathname = `/${url.pathname.slice(1)}_doomed`;
    const doomed = url.toString();
    await ensureDatabase(doomed);
    await runMigrations(doomed);
    const t = await startApp({ DATABASE_URL: doomed });
    try {
      await dropDatabase(doomed);
      const http = new Http(t.baseUrl);
      const ready = await http.get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.message).toBe('Not ready: database is down');
      expect(ready.body.error.database.status).toBe('down');

      const login = await http.post('/api/v1/auth/login', { email: 'someone@example.test', password: 'some-password' });
      expect(login.status).toBe(500);
      expect(login.body).toEqual({
        status_code: 500,
        error: 'Internal Server Error',
        message: 'Something went wrong on our side. Quote the correlation id when you report it.',
        correlation_id: login.headers.get('x-correlation-id'),
      });
      expect(login.text).not.toMatch(/at .*\.(ts|js):\d+|does not exist|QueryFailedError/);
    } finally {
      await t.close();
      await dropDatabase(doomed);
    }
  });
});
