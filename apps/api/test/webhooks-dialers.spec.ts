import type { INestApplicationContext } from '@nestjs/common';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../src/webhooks/signatures';
import { startWorker } from '../src/worker';
import { startApp, TestApp, testConfig } from './support/app';
import { makeUser, PASSWORD } from './support/factories';
import { gateTenant, makeCleanAccount } from './support/gate';
import { Http } from './support/http';
import { until } from './support/wait';

const FIVE9_SECRET = 'five9-web-connector-token-0001';
const CONVOSO_SECRET = 'convoso-connect-secret-000001';
const TWILIO_TOKEN = 'twilio-auth-token-dialers-000001';
const FORM = 'application/x-www-form-urlencoded';
const PUBLIC_BASE_URL = 'https://floor.example';

describe('dialer webhooks: Five9, Convoso, Twilio inbound STOP, matching and linked outcomes', () => {
  let t: TestApp;
  let http: Http;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    t = await startApp({ GATE_BUDGET_MS: '3000', PUBLIC_BASE_URL });
    http = new Http(t.baseUrl);
    worker = await startWorker(testConfig({ PUBLIC_BASE_URL }));
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  async function setup() {
    const g = await gateTenant(t.db, http, 'enforce');
    const itUser = await makeUser(t.db, g.tenant, ['it']);
    const itCookie = await http.login(itUser.email, PASSWORD);
    for (const [vendor, secret] of [
      ['five9', FIVE9_SECRET],
      ['convoso', CONVOSO_SECRET],
      ['twilio', TWILIO_TOKEN],
    ]) {
      expect(
        (await http.put(`/api/v1/vendors/${vendor}`, { enabled: true, webhook_secret: secret }, { cookie: itCookie }))
          .status,
      ).toBe(200);
    }
    const check = async (accountId: string, channel = 'voice') =>
      (
        await http.post(
          '/api/v1/compliance/contact-check',
          { tenant_id: g.tenant.slug, account_id: accountId, channel, dial_mode: 'manual' },
          { apiKey: g.key },
        )
      ).body;
    const processed = (eventId: string) =>
      until(async () => {
        const [r] = await t.db.query(
          `SELECT status, audit_id FROM webhook_delivery WHERE tenant_id = $1 AND event_id = $2`,
          [g.tenant.id, eventId],
        );
        return r?.status === 'processed' ? r : undefined;
      });
    return { ...g, itCookie, check, processed };
  }

  it('should take a Five9 Web Connector post with the token in the URL, link it to its decision, and refuse a wrong token', async () => {
    const { tenant, cookie, check, processed } = await setup();
    const account = await makeCleanAccount(t.db, tenant);
    const decision = await check(account.accountId);
    const form = new URLSearchParams({
      call_id: '300000000123',
      disposition: 'Busy',
      number: '2125550123',
      account_id: account.accountId,
      audit_id: decision.audit_id,
      agent: 'jdoe',
      length: '0',
    }).toString();
    const post = (token: string) =>
      http.request('POST', `/api/v1/webhooks/five9/${tenant.slug}?token=${encodeURIComponent(token)}`, {
        body: form,
        headers: { 'content-type': FORM },
      });

    expect((await post('wrong-token-wrong-token')).status).toBe(401);
    const first = await post(FIVE9_SECRET);
    expect(first.status, first.text).toBe(202);
    expect((await post(FIVE9_SECRET)).body).toEqual({ accepted: true, duplicate: true });
    expect(await processed('300000000123:Busy')).toEqual({ status: 'processed', audit_id: decision.audit_id });
    const [attempt] = await t.db.query(`SELECT outcome, counted FROM contact_attempt WHERE audit_id = $1`, [
      decision.audit_id,
    ]);
    expect(attempt).toEqual({ outcome: 'busy', counted: false });

    // The compliance officer's drill-down shows the linked outcome and the delivery that reported it.
    const drill = await http.get(`/api/v1/compliance/audit/${decision.audit_id}`, { cookie });
    expect(drill.body.outcomes).toMatchObject([{ outcome: 'busy', counted: false }]);
    expect(drill.body.deliveries).toMatchObject([
      { vendor: 'five9', event_id: '300000000123:Busy', status: 'processed', disposition: 'busy' },
    ]);
    // What was stored is the raw body as received.
    const [stored] = await t.db.query(
      `SELECT raw_body FROM webhook_delivery WHERE tenant_id = $1 AND vendor = 'five9'`,
      [tenant.id],
    );
    expect(stored.raw_body).toBe(form);
  });

  it('should take a Convoso Connect post signed with a body HMAC, and start the post-conversation pause on a right-party contact', async () => {
    const { tenant, check, processed } = await setup();
    const account = await makeCleanAccount(t.db, tenant);
    const decision = await check(account.accountId);
    expect(decision.allowed).toBe(true);
    const body = JSON.stringify({
      call_log_id: 'CL-77001',
      status: 'RPC',
      phone_number: '+12125550123',
      account_id: account.accountId,
      audit_id: decision.audit_id,
      user: 'agent7',
      length_in_sec: 312,
    });
    const post = (signature: string, raw = body) =>
      http.request('POST', `/api/v1/webhooks/convoso/${tenant.slug}`, {
        body: raw,
        headers: { 'content-type': 'application/json', 'x-signature-sha256': signature },
      });

    expect((await post(signBody(CONVOSO_SECRET, body), body.replace('RPC', 'NA'))).status).toBe(401);
    expect((await post(signBody(FIVE9_SECRET, body))).status).toBe(401);
    expect((await post(`sha256=${signBody(CONVOSO_SECRET, body)}`)).status).toBe(202);
    await processed('CL-77001');
    const next = await check(account.accountId);
    expect(next.allowed).toBe(false);
    expect(next.reasons.map((r: { rule_id: string }) => r.rule_id)).toContain('REG_F_POSTCONV');
  });

  it('should opt out every account with the number on an inbound Twilio STOP, and leave other numbers alone', async () => {
    const { tenant, check, processed } = await setup();
    const shared = '+12125550166';
    const a = await makeCleanAccount(t.db, tenant, { phoneNumber: shared });
    const b = await makeCleanAccount(t.db, tenant, { phoneNumber: shared });
    const other = await makeCleanAccount(t.db, tenant, { phoneNumber: '+12125550177' });
    expect((await check(a.accountId, 'sms')).allowed).toBe(true);
    // An inbound message webhook is per number, not per account: no account_id in the URL.
    const path = `/api/v1/webhooks/twilio/${tenant.slug}`;
    const params = {
      MessageSid: 'SM0123456789abcdef0123456789abcdef',
      SmsStatus: 'received',
      Body: 'Stop',
      From: shared,
      To: '+18005551212',
    };
    const signature = twilio.getExpectedTwilioSignature(TWILIO_TOKEN, `${PUBLIC_BASE_URL}${path}`, params);
    const res = await http.request('POST', path, {
      body: new URLSearchParams(params).toString(),
      headers: { 'content-type': FORM, 'x-twilio-signature': signature },
    });
    expect(res.status, res.text).toBe(202);
    await processed('SM0123456789abcdef0123456789abcdef:received');

    const rows = await t.db.query(
      `SELECT account_id, sms_opt_out_at IS NOT NULL AS sms_out, autodial_consent_revoked_at IS NOT NULL AS revoked, fact_sources->>'sms_opt_out_at' AS source FROM account WHERE tenant_id = $1 ORDER BY account_id`,
      [tenant.id],
    );
    const byId = new Map(rows.map((r: { account_id: string }) => [r.account_id, r]));
    expect(byId.get(a.accountId)).toMatchObject({ sms_out: true, revoked: true, source: 'webhook' });
    expect(byId.get(b.accountId)).toMatchObject({ sms_out: true, revoked: true, source: 'webhook' });
    expect(byId.get(other.accountId)).toMatchObject({ sms_out: false, revoked: false, source: null });
    // The inbound text is not one of our attempts.
    expect(
      await t.db.query(`SELECT 1 FROM contact_attempt WHERE tenant_id = $1 AND outcome = 'opt_out'`, [tenant.id]),
    ).toEqual([]);
    const blocked = await check(b.accountId, 'sms');
    expect(blocked.allowed).toBe(false);
    expect(blocked.reasons.map((r: { rule_id: string }) => r.rule_id)).toEqual(expect.arrayContaining(['E_OPT_OUT']));
    expect((await check(other.accountId, 'sms')).allowed).toBe(true);
  });

  it('should match an outcome without audit_id to the pending attempt for that phone, in the hours before it', async () => {
    const { tenant, key, processed } = await setup();
    const account = await makeCleanAccount(t.db, tenant, { phoneNumber: '+12125550123' });
    const ask = async (phone: string) =>
      (
        await http.post(
          '/api/v1/compliance/contact-check',
          {
            tenant_id: tenant.slug,
            account_id: account.accountId,
            channel: 'voice',
            dial_mode: 'manual',
            phone_number: phone,
          },
          { apiKey: key },
        )
      ).body;
    const forHome = await ask('+12125550123');
    const forWork = await ask('+12125550199');
    expect(forHome.allowed && forWork.allowed).toBe(true);
    const body = JSON.stringify({
      call_id: '300000000999',
      disposition: 'No Answer',
      number: '+12125550123',
      account_id: account.accountId,
    });
    const res = await http.request('POST', `/api/v1/webhooks/five9/${tenant.slug}`, {
      body,
      headers: { 'content-type': 'application/json', 'x-floor-token': FIVE9_SECRET },
    });
    expect(res.status, res.text).toBe(202);
    expect(await processed('300000000999:No Answer')).toEqual({ status: 'processed', audit_id: forHome.audit_id });
    const attempts = await t.db.query(
      `SELECT audit_id, outcome FROM contact_attempt WHERE tenant_id = $1 ORDER BY at`,
      [tenant.id],
    );
    expect(attempts).toEqual([
      { audit_id: forHome.audit_id, outcome: 'no_answer' },
      { audit_id: forWork.audit_id, outcome: 'pending' },
    ]);
  });
});
