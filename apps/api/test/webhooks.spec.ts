import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signGeneric } from '../src/webhooks/signatures';
import { startWorker } from '../src/worker';
import { WebhookQueueService } from '../src/webhooks/webhook-queue.service';
import { startApp, TestApp, testConfig } from './support/app';
import { gateTenant, makeCleanAccount } from './support/gate';
import { makeUser, PASSWORD } from './support/factories';
import { Http } from './support/http';
import { until } from './support/wait';

const SECRET = 'generic-webhook-secret-0123456789';

describe('generic webhooks: vendor secret, signature, durable inbox, outcomes', () => {
  let t: TestApp;
  let http: Http;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    t = await startApp({ GATE_BUDGET_MS: '3000' });
    http = new Http(t.baseUrl);
    worker = await startWorker(testConfig());
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  async function setup() {
    const g = await gateTenant(t.db, http, 'enforce');
    const it = await makeUser(t.db, g.tenant, ['it']);
    const itCookie = await http.login(it.email, PASSWORD);
    const card = await http.put(
      '/api/v1/vendors/generic',
      { enabled: true, webhook_secret: SECRET },
      { cookie: itCookie },
    );
    expect(card.status, card.text).toBe(200);
    const account = await makeCleanAccount(t.db, g.tenant);
    const deliver = (body: Record<string, unknown>, secret = SECRET, t0 = Math.floor(Date.now() / 1000)) => {
      const raw = JSON.stringify(body);
      return http.request('POST', `/api/v1/webhooks/generic/${g.tenant.slug}`, {
        body: raw,
        headers: { 'x-floor-signature': signGeneric(secret, raw, t0) },
      });
    };
    return { ...g, itCookie, card: card.body, account, deliver };
  }

  it('should keep the webhook secret write-only and sealed at rest', async () => {
    const { itCookie, card } = await setup();
    expect(card).toMatchObject({ vendor: 'generic', enabled: true, has_secret: true });
    const list = await http.get('/api/v1/vendors', { cookie: itCookie });
    expect(list.text).not.toContain(SECRET);
    expect(list.body.map((c: { vendor: string }) => c.vendor)).toEqual([
      'five9',
      'twilio',
      'convoso',
      'generic',
      'crm',
      'payment',
      'sms',
      'email',
    ]);
    const rows: { s: string }[] = await t.db.query(`SELECT row_to_json(v)::text AS s FROM vendor_card v`);
    expect(rows.map((r) => r.s).join('')).not.toContain(SECRET);
    const audit: { s: string }[] = await t.db.query(
      `SELECT row_to_json(a)::text AS s FROM admin_audit_log a WHERE entity_type = 'vendor_card'`,
    );
    expect(audit.map((r) => r.s).join('')).not.toContain(SECRET);
    expect((await http.put('/api/v1/vendors/generic', { webhook_secret: 'short' }, { cookie: itCookie })).status).toBe(
      400,
    );
  });

  it('should store a verified delivery, apply it once in the worker, and answer a redelivery as a duplicate', async () => {
    const { tenant, key, account, deliver } = await setup();
    const check = await http.post(
      '/api/v1/compliance/contact-check',
      { tenant_id: tenant.slug, account_id: account.accountId, channel: 'voice', dial_mode: 'manual' },
      { apiKey: key },
    );
    const body = {
      event_id: 'evt-1',
      audit_id: check.body.audit_id,
      account_id: account.accountId,
      channel: 'voice',
      disposition: 'busy',
      occurred_at: new Date().toISOString(),
    };
    const first = await deliver(body);
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ accepted: true, duplicate: false });
    const attempt = await until(async () => {
      const [row] = await t.db.query(`SELECT outcome, counted FROM contact_attempt WHERE audit_id = $1`, [
        check.body.audit_id,
      ]);
      return row.outcome === 'busy' ? row : undefined;
    });
    expect(attempt).toEqual({ outcome: 'busy', counted: false });
    const again = await deliver(body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ accepted: true, duplicate: true });
    const deliveries = await t.db.query(`SELECT status, audit_id FROM webhook_delivery WHERE tenant_id = $1`, [
      tenant.id,
    ]);
    expect(deliveries).toEqual([{ status: 'processed', audit_id: check.body.audit_id }]);
  });

  it('should revoke consent on an opt-out, and refuse forged, stale or unsigned deliveries storing nothing', async () => {
    const { tenant, account, deliver } = await setup();
    const optOut = await deliver({
      event_id: 'evt-stop',
      account_id: account.accountId,
      channel: 'sms',
      disposition: 'opt_out',
      occurred_at: new Date().toISOString(),
      message: 'STOP',
    });
    expect(optOut.status).toBe(202);
    await until(async () => {
      const [row] = await t.db.query(
        `SELECT sms_opt_out_at, fact_sources FROM account WHERE tenant_id = $1 AND account_id = $2`,
        [tenant.id, account.accountId],
      );
      return row.sms_opt_out_at ? row : undefined;
    });
    const forged = await deliver(
      {
        event_id: 'evt-forged',
        account_id: account.accountId,
        channel: 'voice',
        disposition: 'conversation',
        occurred_at: new Date().toISOString(),
      },
      'not-the-secret-at-all',
    );
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('BAD_SIGNATURE');
    const stale = await deliver(
      {
        event_id: 'evt-stale',
        account_id: account.accountId,
        channel: 'voice',
        disposition: 'conversation',
        occurred_at: new Date().toISOString(),
      },
      SECRET,
      Math.floor(Date.now() / 1000) - 301,
    );
    expect(stale.status).toBe(401);
    const unsigned = await http.post(`/api/v1/webhooks/generic/${tenant.slug}`, {
      event_id: 'evt-unsigned',
      account_id: 'x',
      channel: 'voice',
      disposition: 'busy',
      occurred_at: new Date().toISOString(),
    });
    expect(unsigned.status).toBe(401);
    const unknownTenant = await http.request('POST', '/api/v1/webhooks/generic/no-such-tenant', {
      body: '{}',
      headers: { 'x-floor-signature': signGeneric(SECRET, '{}', Math.floor(Date.now() / 1000)) },
    });
    expect(unknownTenant.status).toBe(401);
    const stored = await t.db.query(`SELECT event_id FROM webhook_delivery WHERE tenant_id = $1 ORDER BY id`, [
      tenant.id,
    ]);
    expect(stored.map((r: { event_id: string }) => r.event_id)).toEqual(['evt-stop']);
  });

  it('should verify with the new secret at once after a rotation, keep the previous one verifying, and drop the one before', async () => {
    const { tenant, itCookie, account, deliver } = await setup();
    const body = (id: string) => ({
      event_id: id,
      account_id: account.accountId,
      channel: 'voice',
      disposition: 'no_answer',
      occurred_at: new Date().toISOString(),
    });
    expect((await deliver(body('r-0'))).status).toBe(202); // caches the current secret
    await new Promise((r) => setTimeout(r, 300));
    const second = 'generic-webhook-secret-rotated-01';
    const third = 'generic-webhook-secret-rotated-02';
    expect((await http.put('/api/v1/vendors/generic', { webhook_secret: second }, { cookie: itCookie })).status).toBe(
      200,
    );
    expect((await deliver(body('r-1'), second)).status).toBe(202);
    expect((await deliver(body('r-2'), SECRET)).status).toBe(202);
    await new Promise((r) => setTimeout(r, 300));
    expect((await http.put('/api/v1/vendors/generic', { webhook_secret: third }, { cookie: itCookie })).status).toBe(
      200,
    );
    expect((await deliver(body('r-3'), third)).status).toBe(202);
    expect((await deliver(body('r-4'), second)).status).toBe(202);
    expect((await deliver(body('r-5'), SECRET)).status).toBe(401);
    const stored = await t.db.query(`SELECT event_id FROM webhook_delivery WHERE tenant_id = $1 ORDER BY id`, [
      tenant.id,
    ]);
    expect(stored.map((r: { event_id: string }) => r.event_id)).toEqual(['r-0', 'r-1', 'r-2', 'r-3', 'r-4']);
  });

  it('should refuse a missing header, a future timestamp and a forged signature, counting each reason for IT', async () => {
    const { tenant, itCookie, account, deliver } = await setup();
    const raw = JSON.stringify({
      event_id: 'g-1',
      account_id: account.accountId,
      channel: 'voice',
      disposition: 'busy',
      occurred_at: new Date().toISOString(),
    });
    const post = (headers: Record<string, string>) =>
      http.request('POST', `/api/v1/webhooks/generic/${tenant.slug}`, { body: raw, headers });
    expect((await post({})).status).toBe(401);
    expect(
      (await post({ 'x-floor-signature': signGeneric(SECRET, raw, Math.floor(Date.now() / 1000) + 301) })).status,
    ).toBe(401);
    expect(
      (await post({ 'x-floor-signature': signGeneric(SECRET, raw, Math.floor(Date.now() / 1000) - 301) })).status,
    ).toBe(401);
    expect(
      (await post({ 'x-floor-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'ab'.repeat(32)}` })).status,
    ).toBe(401);
    expect((await post({ 'x-floor-signature': 'garbage' })).status).toBe(401);
    expect(
      (
        await deliver({
          event_id: 'g-2',
          account_id: account.accountId,
          channel: 'voice',
          disposition: 'busy',
          occurred_at: new Date().toISOString(),
        })
      ).status,
    ).toBe(202);
    const health = await http.get('/api/v1/webhook-health', { cookie: itCookie });
    expect(health.body.refused).toBe(5);
    expect(
      health.body.failures_by_reason.map((f: { reason: string; count: number }) => `${f.reason}=${f.count}`).sort(),
    ).toEqual([
      'signature: future=1',
      'signature: malformed=1',
      'signature: mismatch=1',
      'signature: missing=1',
      'signature: stale=1',
    ]);
    expect(health.body.vendors.find((v: { vendor: string }) => v.vendor === 'generic')).toMatchObject({
      enabled: true,
      has_secret: true,
      last_status: expect.any(String),
    });
    expect(await t.db.query(`SELECT event_id FROM webhook_delivery WHERE tenant_id = $1`, [tenant.id])).toEqual([
      { event_id: 'g-2' },
    ]);
  });

  it('should queue again a delivery stored whose job never reached the queue (the sweep)', async () => {
    const { tenant, account } = await setup();
    const outcome = {
      event_id: 'evt-orphan',
      account_id: account.accountId,
      channel: 'voice',
      disposition: 'voicemail',
      occurred_at: new Date().toISOString(),
    };
    const [{ id }] = await t.db.query(
      `INSERT INTO webhook_delivery (tenant_id, vendor, event_id, raw_body, outcome, headers, received_at) VALUES ($1, 'generic', 'evt-orphan', $2::text, $2::jsonb, '{}', now() - interval '6 minutes') RETURNING id::text`,
      [tenant.id, JSON.stringify(outcome)],
    );
    expect(await worker.get(WebhookQueueService).sweepPending()).toBeGreaterThanOrEqual(1);
    const done = await until(async () => {
      const [r] = await t.db.query(`SELECT status FROM webhook_delivery WHERE id = $1`, [id]);
      return r.status === 'processed' ? r : undefined;
    });
    expect(done.status).toBe('processed');
    expect(await t.db.query(`SELECT outcome FROM contact_attempt WHERE tenant_id = $1`, [tenant.id])).toEqual([
      { outcome: 'voicemail' },
    ]);
  });

  it('should refuse an unreadable body with field messages, storing nothing', async () => {
    const { tenant, deliver } = await setup();
    const bad = await deliver({
      event_id: 'evt-bad',
      account_id: 'A',
      channel: 'voice',
      disposition: 'teleported',
      occurred_at: new Date().toISOString(),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.body[0]).toContain('disposition must be one of');
    expect(await t.db.query(`SELECT 1 FROM webhook_delivery WHERE tenant_id = $1`, [tenant.id])).toEqual([]);
  });

  it('should retry a delivery that cannot be applied, leave it failed with its error, and apply it once on replay', async () => {
    const { tenant, key, deliver } = await setup();
    // The dialer reports on an account the agency has not uploaded yet.
    const late = await deliver({
      event_id: 'evt-late',
      account_id: 'ACC-LATE',
      channel: 'voice',
      disposition: 'no_answer',
      occurred_at: new Date().toISOString(),
    });
    expect(late.status).toBe(202);
    const row = await until(async () => {
      const [r] = await t.db.query(
        `SELECT status, attempts, last_error FROM webhook_delivery WHERE tenant_id = $1 AND event_id = 'evt-late'`,
        [tenant.id],
      );
      return r.status === 'failed' ? r : undefined;
    }, 30_000);
    expect(row).toEqual({ status: 'failed', attempts: 5, last_error: 'account not found: ACC-LATE' });
    expect(await t.db.query(`SELECT 1 FROM contact_attempt WHERE tenant_id = $1`, [tenant.id])).toEqual([]);

    // IT sees it with its error; a delivery that is not failed cannot be replayed.
    const itUser = await makeUser(t.db, tenant, ['it']);
    const cookie = await http.login(itUser.email, PASSWORD);
    const list = await http.get('/api/v1/webhook-deliveries', { cookie, query: { filter: '{"status":"failed"}' } });
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({
      event_id: 'evt-late',
      status: 'failed',
      attempts: 5,
      last_error: 'account not found: ACC-LATE',
    });
    expect(list.text).not.toContain('no_answer');
    const health = await http.get('/api/v1/webhook-health', { cookie });
    expect(health.body).toMatchObject({ received: 1, failed: 1, processed: 0, success_rate: 0 });
    expect(Date.parse(health.body.queue.worker_heartbeat_at)).toBeGreaterThan(Date.now() - 60_000);
    expect(health.body.queue.delayed).toBe(0); // the repeatable sweep is not a retry
    const metrics = (await http.get('/metrics')).text;
    expect(metrics).toMatch(/webhook_queue_jobs\{state="failed"\} \d+/);
    expect(metrics).toMatch(/worker_heartbeat_age_seconds \d/);
    expect(metrics).toMatch(/webhook_deliveries_total\{vendor="generic",result="stored"\} [1-9]/);
    expect(health.body.failures_by_reason).toEqual([{ kind: 'processing', reason: 'account not found', count: 1 }]);

    // The account arrives; the replay applies the outcome exactly once, and only a failed delivery replays.
    expect(
      (
        await http.post(
          '/api/v1/accounts/bulk',
          [{ account_id: 'ACC-LATE', phone_number: '+12125550188', state: 'NY' }],
          { apiKey: key },
        )
      ).status,
    ).toBe(200);
    const replayed = await http.post(`/api/v1/webhook-deliveries/${list.body[0].id}/replay`, undefined, { cookie });
    expect(replayed.body).toMatchObject({ status: 'pending', attempts: 0 });
    const done = await until(async () => {
      const [r] = await t.db.query(`SELECT status, attempts, last_error FROM webhook_delivery WHERE id = $1`, [
        list.body[0].id,
      ]);
      return r.status === 'processed' ? r : undefined;
    }, 30_000);
    expect(done).toEqual({ status: 'processed', attempts: 1, last_error: null });
    expect(
      (await http.post(`/api/v1/webhook-deliveries/${list.body[0].id}/replay`, undefined, { cookie })).status,
    ).toBe(409);
    const attempts = await t.db.query(`SELECT account_id, outcome, counted FROM contact_attempt WHERE tenant_id = $1`, [
      tenant.id,
    ]);
    expect(attempts).toEqual([{ account_id: 'ACC-LATE', outcome: 'no_answer', counted: true }]);
    const [audit] = await t.db.query(
      `SELECT after FROM admin_audit_log WHERE tenant_id = $1 AND entity_type = 'webhook_delivery'`,
      [tenant.id],
    );
    expect(audit.after).toEqual({ status: 'pending', replayed: true });
  }, 80_000);
});
