import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signGeneric } from '../src/webhooks/signatures';
import { startApp, TestApp } from './support/app';
import { gateTenant, makeCleanAccount } from './support/gate';
import { makeUser, PASSWORD, unique } from './support/factories';
import { Http } from './support/http';

const SECRET = 'generic-webhook-secret-forged-suite-01';

/**
 * Anonymous traffic cannot move a tenant's numbers (issue 11, item 7): forged deliveries are refused and
 * counted beside the success rate, by source address, and limited per (address, tenant); the queue counts
 * a tenant sees are its own.
 */
describe('forged webhook deliveries', () => {
  let t: TestApp;
  let http: Http;
  const tenants: string[] = [];

  beforeAll(async () => {
    // A queue of its own (no worker here: what is queued stays queued), and the refusal limit at 100.
    t = await startApp({
      REDIS_PREFIX: `${inject('redisPrefix')}-${unique('forged')}`,
      RATE_LIMIT_WEBHOOK_REFUSALS_PER_MINUTE: '100',
    });
    http = new Http(t.baseUrl);
  });
  afterAll(async () => {
    // Nothing left pending for another suite's worker to sweep up.
    if (tenants.length)
      await t.db.query(`DELETE FROM webhook_delivery WHERE tenant_id = ANY($1::uuid[]) AND status = 'pending'`, [
        tenants,
      ]);
    await t.close();
  });

  async function dialerTenant() {
    const g = await gateTenant(t.db, http, 'enforce');
    tenants.push(g.tenant.id);
    const itUser = await makeUser(t.db, g.tenant, ['it']);
    const cookie = await http.login(itUser.email, PASSWORD);
    expect(
      (await http.put('/api/v1/vendors/generic', { enabled: true, webhook_secret: SECRET }, { cookie })).status,
    ).toBe(200);
    const account = await makeCleanAccount(t.db, g.tenant);
    const post = (body: Record<string, unknown>, secret: string) => {
      const raw = JSON.stringify(body);
      return http.request('POST', `/api/v1/webhooks/generic/${g.tenant.slug}`, {
        body: raw,
        headers: { 'x-floor-signature': signGeneric(secret, raw, Math.floor(Date.now() / 1000)) },
      });
    };
    const outcome = (eventId: string) => ({
      event_id: eventId,
      account_id: account.accountId,
      channel: 'voice',
      disposition: 'no_answer',
      occurred_at: new Date().toISOString(),
    });
    const health = async () => (await http.get('/api/v1/webhook-health', { cookie })).body;
    return { ...g, cookie, post, outcome, health };
  }

  /** Deliveries already settled by a worker: `processed` and `failed` ones, and some still in the queue. */
  async function history(tenantId: string, rows: { status: string; attempts: number; n: number }[]) {
    for (const { status, attempts, n } of rows) {
      await t.db.query(
        `INSERT INTO webhook_delivery (tenant_id, vendor, event_id, raw_body, outcome, headers, status, attempts, processed_at)
         SELECT $1, 'generic', $2 || '-' || g, '{}', '{}'::jsonb, '{}'::jsonb, $3::varchar, $4::int, CASE WHEN $3 = 'processed' THEN now() END FROM generate_series(1, $5::int) g`,
        [tenantId, unique(`history-${status}-${attempts}`), status, attempts, n],
      );
    }
  }

  it('should leave the success rate unchanged by 100 forged posts, report them beside it by address, and count only the tenant’s own queue', async () => {
    const a = await dialerTenant();
    const b = await dialerTenant();
    // Tenant A: 2 applied, 5 failed (rate 2/7 ≈ 0.29); one waiting, one waiting for a retry.
    await history(a.tenant.id, [
      { status: 'processed', attempts: 1, n: 2 },
      { status: 'failed', attempts: 5, n: 5 },
      { status: 'pending', attempts: 0, n: 1 },
      { status: 'pending', attempts: 2, n: 1 },
    ]);
    // Tenant B: three genuine deliveries in the (shared) queue, which are none of A's business.
    for (let i = 0; i < 3; i++) expect((await b.post(b.outcome(`b-${i}`), SECRET)).status).toBe(202);

    const before = await a.health();
    expect(before).toMatchObject({ processed: 2, failed: 5, refused: 0, refused_sources: [] });
    expect(before.success_rate).toBeCloseTo(2 / 7, 10);
    expect(before.queue).toMatchObject({ waiting: 1, active: 0, delayed: 1, failed: 5 });

    // 100 forgeries, 10 at a time.
    const statuses: number[] = [];
    for (let round = 0; round < 10; round++) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          a.post(a.outcome(`forged-${round}-${i}`), 'a-forger-guessing-the-secret-000'),
        ),
      );
      statuses.push(...answers.map((r) => r.status));
    }
    expect(statuses.every((s) => s === 401)).toBe(true);

    const after = await a.health();
    expect(after.success_rate).toBe(before.success_rate);
    expect(after).toMatchObject({
      processed: 2,
      failed: 5,
      received: before.received,
      refused: 100,
      refused_sources: [{ address: '127.0.0.1', count: 100 }],
    });
    expect(after.failures_by_reason).toContainEqual({ kind: 'refused', reason: 'signature: mismatch', count: 100 });
    expect(after.queue).toEqual({ ...before.queue, worker_heartbeat_at: after.queue.worker_heartbeat_at });
    // Tenant B's view: its own three deliveries waiting, none of A's refusals.
    const bHealth = await b.health();
    expect(bHealth).toMatchObject({ refused: 0, refused_sources: [], success_rate: null });
    expect(bHealth.queue).toMatchObject({ waiting: 3, active: 0, delayed: 0, failed: 0 });

    // Past the limit, the address's next forgery for A answers 429 (and costs no counts row) ...
    const limited = await a.post(a.outcome('forged-101'), 'a-forger-guessing-the-secret-000');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ status_code: 429, code: 'RATE_LIMITED' });
    expect(limited.body.message).toMatch(/^Too many refused deliveries from your address: try again in \d+ seconds?$/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await a.health()).refused).toBe(100);
    // ... while a correctly signed delivery from the same address is taken at once,
    const genuine = await a.post(a.outcome('genuine-after-forgeries'), SECRET);
    expect(genuine.status).toBe(202);
    expect((await a.health()).queue).toMatchObject({ waiting: 2, delayed: 1, failed: 5 });
    // ... and the same address's refusals for another tenant are counted apart (vendors share addresses).
    expect((await b.post(b.outcome('forged-for-b'), 'a-forger-guessing-the-secret-000')).status).toBe(401);
    expect(
      await t.db.query(`SELECT event_id FROM webhook_delivery WHERE tenant_id = $1 AND event_id LIKE 'forged-%'`, [
        a.tenant.id,
      ]),
    ).toEqual([]);
  });
});
