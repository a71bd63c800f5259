import type { INestApplicationContext } from '@nestjs/common';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker } from '../src/worker';
import { startApp, TestApp, testConfig } from './support/app';
import { gateTenant, makeCleanAccount } from './support/gate';
import { makeUser, PASSWORD } from './support/factories';
import { Http } from './support/http';

const AUTH_TOKEN = 'twilio-auth-token-0123456789abcdef';
const PUBLIC_BASE_URL = 'https://floor.example';

describe('Twilio status callbacks', () => {
  let t: TestApp;
  let http: Http;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    // Behind a proxy the signed URL is the public one, not the address the server listens on.
    t = await startApp({ GATE_BUDGET_MS: '3000', PUBLIC_BASE_URL });
    http = new Http(t.baseUrl);
    worker = await startWorker(testConfig({ PUBLIC_BASE_URL }));
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  it('should accept a callback signed by the official twilio package, apply it once, and refuse a changed one', async () => {
    const g = await gateTenant(t.db, http, 'enforce');
    const it = await makeUser(t.db, g.tenant, ['it']);
    await http.put(
      '/api/v1/vendors/twilio',
      { enabled: true, webhook_secret: AUTH_TOKEN },
      { cookie: await http.login(it.email, PASSWORD) },
    );
    const account = await makeCleanAccount(t.db, g.tenant);
    const check = await http.post(
      '/api/v1/compliance/contact-check',
      { tenant_id: g.tenant.slug, account_id: account.accountId, channel: 'voice', dial_mode: 'manual' },
      { apiKey: g.key },
    );
    const path = `/api/v1/webhooks/twilio/${g.tenant.slug}?audit_id=${check.body.audit_id}&account_id=${account.accountId}`;
    const params = {
      CallSid: 'CA0123456789abcdef0123456789abcdef',
      CallStatus: 'busy',
      To: '+12125550123',
      From: '+18005551212',
      SequenceNumber: '3',
    };
    const send = (form: Record<string, string>, signature: string) =>
      http.request('POST', path, {
        body: new URLSearchParams(form).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      });
    const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_BASE_URL}${path}`, params);

    expect((await send({ ...params, CallStatus: 'completed' }, signature)).status).toBe(401);
    expect(
      (await send(params, twilio.getExpectedTwilioSignature('wrong-token', `${PUBLIC_BASE_URL}${path}`, params)))
        .status,
    ).toBe(401);
    const accepted = await send(params, signature);
    expect(accepted.status, accepted.text).toBe(202);
    expect((await send(params, signature)).body).toEqual({ accepted: true, duplicate: true });

    const deadline = Date.now() + 15_000;
    let attempt: { outcome: string; counted: boolean } | undefined;
    while (Date.now() < deadline) {
      [attempt] = await t.db.query('SELECT outcome, counted FROM contact_attempt WHERE audit_id = $1', [
        check.body.audit_id,
      ]);
      if (attempt?.outcome === 'busy') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(attempt).toEqual({ outcome: 'busy', counted: false });
    const deliveries = await t.db.query('SELECT event_id, status FROM webhook_delivery WHERE tenant_id = $1', [
      g.tenant.id,
    ]);
    expect(deliveries).toEqual([{ event_id: 'CA0123456789abcdef0123456789abcdef:busy:3', status: 'processed' }]);
  });
});
