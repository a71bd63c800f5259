import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signGeneric } from '../src/webhooks/signatures';
import { WebhookProcessingService } from '../src/webhooks/webhook-processing.service';
import { startApp, TestApp } from './support/app';
import { makeUser, PASSWORD } from './support/factories';
import { gateTenant, makeCleanAccount, zoneAtHour } from './support/gate';
import { Http, HttpResult } from './support/http';

const CHECK = '/api/v1/compliance/contact-check';
const MODES = ['enforce', 'shadow'] as const;
const BANKRUPTCY = '11 U.S.C. § 362(a)(6); § 524(a)(2)';
const REFUSED = 'a consumer-initiated contact is an inbound call (voice) or a payment the consumer starts';
const SECRET = 'generic-webhook-secret-0123456789';

type Reason = { rule_id: string; severity: string; message: string };

/** `RULE:severity` of each reason, in the answer's order. */
const reasons = (answer: HttpResult) => (answer.body.reasons as Reason[]).map((r) => `${r.rule_id}:${r.severity}`);

describe('consumer-initiated contacts on the gate (SPEC G10, decided detail 30)', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    // A generous budget: these tests are about decisions, not latency.
    t = await startApp({ GATE_BUDGET_MS: '3000' });
    http = new Http(t.baseUrl);
  });
  afterAll(() => t.close());

  async function countedAttempts(tenantId: string, accountId: string): Promise<number> {
    const [{ n }] = await t.db.query(
      'SELECT count(*)::int AS n FROM contact_attempt WHERE tenant_id = $1 AND account_id = $2 AND counted',
      [tenantId, accountId],
    );
    return n;
  }

  async function attemptsOf(auditId: string): Promise<{ source: string; counted: boolean; outcome: string }[]> {
    return t.db.query('SELECT source, counted, outcome FROM contact_attempt WHERE audit_id = $1', [auditId]);
  }

  async function stored(
    auditId: string,
  ): Promise<{ initiated_by: string; dial_mode: string; allowed: boolean; would_block: boolean; source: string }> {
    const [row] = await t.db.query(
      'SELECT initiated_by, dial_mode, allowed, would_block, source FROM compliance_event_log WHERE audit_id = $1',
      [auditId],
    );
    return row;
  }

  function expectShadowFlag(answer: HttpResult, mode: (typeof MODES)[number], wouldBlock: boolean) {
    if (mode === 'shadow') expect(answer.body.would_block).toBe(wouldBlock);
    else expect(answer.body).not.toHaveProperty('would_block');
  }

  it.each(MODES)(
    'should allow a payment the consumer starts on a ceased account with the CEASE warning, in %s',
    async (mode) => {
      const { tenant, key } = await gateTenant(t.db, http, mode);
      const account = await makeCleanAccount(t.db, tenant, { ceaseRequestedAt: new Date() });
      const ask = (extra: Record<string, unknown>) =>
        http.post(
          CHECK,
          { tenant_id: tenant.slug, account_id: account.accountId, channel: 'payment', ...extra },
          { apiKey: key },
        );

      const consumer = await ask({ initiated_by: 'consumer' });

      expect(consumer.status).toBe(200);
      expect(consumer.body).toMatchObject({ allowed: true, statutes: [], mode });
      expect(consumer.body.reasons).toEqual([
        {
          rule_id: 'CEASE',
          severity: 'warn',
          statute: '15 U.S.C. § 1692c(c); 12 CFR 1006.6(c)',
          message: expect.stringContaining('accept the payment the consumer started'),
        },
      ]);
      expectShadowFlag(consumer, mode, false);
      expect(await stored(consumer.body.audit_id)).toMatchObject({
        initiated_by: 'consumer',
        allowed: true,
        would_block: false,
      });
      // A payment decision records no attempt, whoever started it.
      expect(await attemptsOf(consumer.body.audit_id)).toEqual([]);

      const collector = await ask({});
      expect(collector.body.allowed).toBe(mode === 'shadow');
      expect(reasons(collector)).toEqual(['CEASE:block']);
      expectShadowFlag(collector, mode, true);
      expect(await stored(collector.body.audit_id)).toMatchObject({ initiated_by: 'collector', would_block: true });
      expect(await attemptsOf(collector.body.audit_id)).toEqual([]);
    },
  );

  it.each(MODES)(
    'should allow an inbound call at 22:00 local with a calling-hours warning and count no attempt, in %s',
    async (mode) => {
      const { tenant, key } = await gateTenant(t.db, http, mode);
      const zone = zoneAtHour(22);
      // A mobile without consent: an inbound call is not dialled, so it is a manual call unless the caller says otherwise.
      const account = await makeCleanAccount(t.db, tenant, {
        timezone: zone,
        phoneType: 'mobile',
        autodialConsent: false,
      });
      const ask = (extra: Record<string, unknown>) =>
        http.post(
          CHECK,
          { tenant_id: tenant.slug, account_id: account.accountId, channel: 'voice', ...extra },
          { apiKey: key },
        );

      const inbound = await ask({ initiated_by: 'consumer' });

      expect(inbound.status).toBe(200);
      expect(inbound.body).toMatchObject({ allowed: true, statutes: [], mode });
      expect(inbound.body.reasons).toEqual([
        {
          rule_id: 'CALL_HOURS',
          severity: 'warn',
          statute: '15 U.S.C. § 1692c(a)(1); 12 CFR 1006.6(b)(1)(i)',
          message: expect.stringContaining(
            `in ${zone} is outside 08:00–21:00; the consumer called in and chose the time`,
          ),
        },
      ]);
      expect(inbound.body).not.toHaveProperty('next_allowed_at');
      expectShadowFlag(inbound, mode, false);
      expect(await stored(inbound.body.audit_id)).toMatchObject({
        initiated_by: 'consumer',
        dial_mode: 'manual',
        allowed: true,
      });
      expect(await attemptsOf(inbound.body.audit_id)).toEqual([
        { source: 'inbound', counted: false, outcome: 'pending' },
      ]);
      expect(await countedAttempts(tenant.id, account.accountId)).toBe(0);

      // The collector's own call at the same minute is still refused (and dialled automatically by default).
      const collector = await ask({});
      expect(collector.body.allowed).toBe(mode === 'shadow');
      expect(reasons(collector)).toEqual(['CALL_HOURS:block', 'TCPA_CONSENT:block']);
      expectShadowFlag(collector, mode, true);
    },
  );

  it.each(MODES)(
    'should leave the attempt count unchanged with an inbound call, so the next collector call sees the same count, in %s',
    async (mode) => {
      const { tenant, key } = await gateTenant(t.db, http, mode);
      const account = await makeCleanAccount(t.db, tenant);
      const ask = (extra: Record<string, unknown> = {}) =>
        http.post(
          CHECK,
          { tenant_id: tenant.slug, account_id: account.accountId, channel: 'voice', dial_mode: 'manual', ...extra },
          { apiKey: key },
        );
      for (let i = 0; i < 6; i++) expect((await ask()).body.reasons).toEqual([]);
      expect(await countedAttempts(tenant.id, account.accountId)).toBe(6);

      const inbound = await ask({ initiated_by: 'consumer' });
      expect(inbound.body).toMatchObject({ allowed: true, reasons: [] });
      expect(await countedAttempts(tenant.id, account.accountId)).toBe(6);

      // The 7th collector call is allowed: the inbound call did not count.
      const seventh = await ask();
      expect(seventh.body).toMatchObject({ allowed: true, reasons: [] });
      expect(await countedAttempts(tenant.id, account.accountId)).toBe(7);

      // At the cap, an inbound call only warns and still adds nothing.
      const atCap = await ask({ initiated_by: 'consumer' });
      expect(atCap.body).toMatchObject({ allowed: true, statutes: [] });
      expect(atCap.body.reasons).toEqual([
        {
          rule_id: 'REG_F_7IN7',
          severity: 'warn',
          statute: '12 CFR 1006.14(b)(2)(i)(A)',
          message: expect.stringMatching(
            /^7 counted call attempts in the last 168 h \(cap 7\); the consumer called in: .*this call is not counted$/,
          ),
        },
      ]);
      expectShadowFlag(atCap, mode, false);
      expect(await countedAttempts(tenant.id, account.accountId)).toBe(7);

      const eighth = await ask();
      expect(eighth.body.allowed).toBe(mode === 'shadow');
      expectShadowFlag(eighth, mode, true);
      expect(eighth.body.reasons).toEqual([
        {
          rule_id: 'REG_F_7IN7',
          severity: 'block',
          statute: '12 CFR 1006.14(b)(2)(i)(A)',
          message: '7 counted call attempts in the last 168 h (cap 7)',
        },
      ]);
      expect(typeof eighth.body.next_allowed_at).toBe('string');
      const [{ n }] = await t.db.query(
        `SELECT (facts->>'attempts_in_window')::int AS n FROM compliance_event_log WHERE audit_id = $1`,
        [eighth.body.audit_id],
      );
      expect(n).toBe(7);
      const [{ inbound: inboundRows }] = await t.db.query(
        `SELECT count(*)::int AS inbound FROM contact_attempt WHERE tenant_id = $1 AND account_id = $2 AND source = 'inbound' AND NOT counted`,
        [tenant.id, account.accountId],
      );
      expect(inboundRows).toBe(2);
    },
  );

  it.each(MODES)(
    'should still block an inbound call and a consumer payment on a bankrupt account, in %s',
    async (mode) => {
      const { tenant, key } = await gateTenant(t.db, http, mode);
      const account = await makeCleanAccount(t.db, tenant, {
        bankruptcyFlag: true,
        bankruptcyStatus: 'open',
        timezone: zoneAtHour(22),
      });
      for (const channel of ['voice', 'payment'] as const) {
        const answer = await http.post(
          CHECK,
          { tenant_id: tenant.slug, account_id: account.accountId, channel, initiated_by: 'consumer' },
          { apiKey: key },
        );

        expect(answer.status).toBe(200);
        expect(answer.body.allowed, channel).toBe(mode === 'shadow');
        expectShadowFlag(answer, mode, true);
        expect(answer.body.statutes).toEqual([BANKRUPTCY]);
        expect(reasons(answer)).toEqual(
          channel === 'voice' ? ['BANKRUPTCY:block', 'CALL_HOURS:warn'] : ['BANKRUPTCY:block'],
        );
        // A bankruptcy does not pass by itself: no next_allowed_at.
        expect(answer.body).not.toHaveProperty('next_allowed_at');
        expect(await stored(answer.body.audit_id)).toMatchObject({ initiated_by: 'consumer', would_block: true });
        // Shadow lets the call through: its attempt is the inbound one, counting toward nothing.
        expect(await attemptsOf(answer.body.audit_id)).toEqual(
          mode === 'shadow' && channel === 'voice' ? [{ source: 'inbound', counted: false, outcome: 'pending' }] : [],
        );
      }
      expect(await countedAttempts(tenant.id, account.accountId)).toBe(0);
    },
  );

  it('should refuse initiated_by consumer with sms or email, and values it does not know, naming initiated_by', async () => {
    const { tenant, key } = await gateTenant(t.db, http, 'shadow');
    const account = await makeCleanAccount(t.db, tenant);
    const body = { tenant_id: tenant.slug, account_id: account.accountId };
    for (const channel of ['sms', 'email']) {
      const inBody = await http.post(CHECK, { ...body, channel, initiated_by: 'consumer' }, { apiKey: key });
      expect(inBody.status, channel).toBe(400);
      expect(Object.keys(inBody.body.fields)).toEqual(['initiated_by']);
      expect(inBody.body.fields.initiated_by).toEqual([`initiated_by consumer is refused for ${channel}: ${REFUSED}`]);
      const inQuery = await http.post(CHECK, body, { apiKey: key, query: { channel, initiated_by: 'consumer' } });
      expect(inQuery.status, channel).toBe(400);
      expect(inQuery.body.fields.initiated_by[0]).toContain(REFUSED);
    }
    const unknown = await http.post(CHECK, { ...body, channel: 'voice', initiated_by: 'agent' }, { apiKey: key });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields).toEqual({
      initiated_by: ['initiated_by must be one of the following values: collector, consumer'],
    });
    const unknownInQuery = await http.post(
      CHECK,
      { ...body, channel: 'voice' },
      { apiKey: key, query: { initiated_by: 'Consumer' } },
    );
    expect(unknownInQuery.status).toBe(400);
    expect(Object.keys(unknownInQuery.body.fields)).toEqual(['initiated_by']);
    const disagree = await http.post(
      CHECK,
      { ...body, channel: 'voice', initiated_by: 'collector' },
      { apiKey: key, query: { initiated_by: 'consumer' } },
    );
    expect(disagree.status).toBe(400);
    expect(disagree.body.fields).toEqual({ initiated_by: ['initiated_by differs between body and query'] });
    // Shadow mode answers every decision with allowed=true, but a refused request is no decision at all.
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM compliance_event_log WHERE tenant_id = $1', [
      tenant.id,
    ]);
    expect(n).toBe(0);

    // The query carries it as well as the body; both saying the same is fine.
    const viaQuery = await http.post(
      CHECK,
      { ...body, channel: 'voice' },
      { apiKey: key, query: { initiated_by: 'consumer' } },
    );
    expect(viaQuery.status).toBe(200);
    expect((await stored(viaQuery.body.audit_id)).initiated_by).toBe('consumer');
    const both = await http.post(
      CHECK,
      { ...body, initiated_by: 'consumer' },
      { apiKey: key, query: { channel: 'payment', initiated_by: 'consumer' } },
    );
    expect(both.status).toBe(200);
    expect((await stored(both.body.audit_id)).initiated_by).toBe('consumer');
  });

  it('should store initiated_by with the decision and say it in words in the drill-down', async () => {
    const { tenant, key, cookie } = await gateTenant(t.db, http, 'enforce');
    const account = await makeCleanAccount(t.db, tenant);
    const ask = (channel: string, extra: Record<string, unknown> = {}) =>
      http.post(
        CHECK,
        { tenant_id: tenant.slug, account_id: account.accountId, channel, dial_mode: 'manual', ...extra },
        { apiKey: key },
      );
    const inbound = await ask('voice', { initiated_by: 'consumer' });
    const payment = await ask('payment', { initiated_by: 'consumer' });
    const collector = await ask('voice', { initiated_by: 'collector' });
    const byDefault = await ask('sms');

    const drill = (auditId: string) => http.get(`/api/v1/compliance/audit/${auditId}`, { cookie });
    const inboundDrill = await drill(inbound.body.audit_id);
    expect(inboundDrill.status).toBe(200);
    expect(inboundDrill.body).toMatchObject({
      initiated_by: 'consumer',
      initiated_by_text: 'Started by the consumer (inbound call)',
      channel: 'voice',
    });
    expect(inboundDrill.body.outcomes).toMatchObject([{ source: 'inbound', counted: false, outcome: 'pending' }]);
    expect((await drill(payment.body.audit_id)).body).toMatchObject({
      initiated_by: 'consumer',
      initiated_by_text: 'Started by the consumer (a payment the consumer started)',
      outcomes: [],
    });
    expect((await drill(collector.body.audit_id)).body).toMatchObject({
      initiated_by: 'collector',
      initiated_by_text: 'Started by the collector',
    });
    const defaultDrill = await drill(byDefault.body.audit_id);
    expect(defaultDrill.body).toMatchObject({
      initiated_by: 'collector',
      initiated_by_text: 'Started by the collector',
    });
    expect(defaultDrill.body.outcomes).toMatchObject([{ source: 'gate', counted: true }]);

    // The audit trail lists it and filters by it.
    const list = await http.get('/api/v1/decisions', {
      cookie,
      query: { filter: JSON.stringify({ initiated_by: 'consumer' }) },
    });
    expect(list.status).toBe(200);
    expect(
      list.body.map((row: { audit_id: string; initiated_by: string }) => [row.audit_id, row.initiated_by]).sort(),
    ).toEqual(
      [
        [inbound.body.audit_id, 'consumer'],
        [payment.body.audit_id, 'consumer'],
      ].sort(),
    );
  });

  it.each(MODES)(
    'should take initiated_by on the panel door and on "Open in", for voice and payment only, in %s',
    async (mode) => {
      const { tenant } = await gateTenant(t.db, http, mode);
      const itCookie = await http.login((await makeUser(t.db, tenant, ['it'])).email, PASSWORD);
      const agentCookie = await http.login(
        (await makeUser(t.db, tenant, ['agent'], { agentCode: 'AG-30' })).email,
        PASSWORD,
      );
      const account = await makeCleanAccount(t.db, tenant, { timezone: zoneAtHour(22) });
      const link = (label: string, category: string) => ({
        deep_link: {
          enabled: true,
          label,
          category,
          url_template: `https://${category}.example/?lead={{phone_e164}}`,
          sort_order: 1,
        },
      });
      expect((await http.put('/api/v1/vendors/five9', link('Five9', 'voice'), { cookie: itCookie })).status).toBe(200);
      expect((await http.put('/api/v1/vendors/payment', link('Pay', 'payment'), { cookie: itCookie })).status).toBe(
        200,
      );
      expect((await http.put('/api/v1/vendors/sms', link('Texts', 'sms'), { cookie: itCookie })).status).toBe(200);

      // The panel's door.
      const door = (body: Record<string, unknown>) =>
        http.post(`${CHECK}/session`, { account_id: account.accountId, ...body }, { cookie: agentCookie });
      const inbound = await door({ channel: 'voice', initiated_by: 'consumer' });
      expect(inbound.status).toBe(200);
      expect(inbound.body).toMatchObject({ allowed: true, statutes: [] });
      expect(reasons(inbound)).toEqual(['CALL_HOURS:warn']);
      expect(await stored(inbound.body.audit_id)).toMatchObject({ initiated_by: 'consumer', source: 'panel' });
      const collector = await door({ channel: 'voice' });
      expect(collector.body.allowed).toBe(mode === 'shadow');
      expect(reasons(collector)).toEqual(['CALL_HOURS:block']);
      const text = await door({ channel: 'sms', initiated_by: 'consumer' });
      expect(text.status).toBe(400);
      expect(text.body.fields.initiated_by[0]).toContain(REFUSED);
      expect((await door({ channel: 'voice', initiated_by: 'robot' })).status).toBe(400);

      // "Open in": the URL leaves on the consumer's inbound call at 22:00; the collector's call is refused in enforce.
      const open = (vendor: string, body: Record<string, unknown>) =>
        http.post(`/api/v1/accounts/${account.accountId}/deep-links/${vendor}/open`, body, { cookie: agentCookie });
      const opened = await open('five9', { initiated_by: 'consumer' });
      expect(opened.status).toBe(200);
      expect(opened.body).toMatchObject({
        opened: true,
        url: 'https://voice.example/?lead=%2B12125550123',
        decision: { allowed: true },
      });
      expect(opened.body.decision.would_block).toBe(mode === 'shadow' ? false : undefined);
      expect(opened.body.decision.reasons.map((r: Reason) => `${r.rule_id}:${r.severity}`)).toEqual([
        'CALL_HOURS:warn',
      ]);
      expect(await stored(opened.body.decision.audit_id)).toMatchObject({ initiated_by: 'consumer', source: 'panel' });
      expect(await attemptsOf(opened.body.decision.audit_id)).toEqual([
        { source: 'inbound', counted: false, outcome: 'pending' },
      ]);
      const refused = await open('five9', {});
      expect(refused.body.opened).toBe(mode === 'shadow');
      expect(refused.body.decision.reasons.map((r: Reason) => `${r.rule_id}:${r.severity}`)).toEqual([
        'CALL_HOURS:block',
      ]);
      const pay = await open('payment', { initiated_by: 'consumer' });
      expect(pay.body).toMatchObject({ opened: true, decision: { allowed: true } });
      expect(await stored(pay.body.decision.audit_id)).toMatchObject({ initiated_by: 'consumer' });
      const sms = await open('sms', { initiated_by: 'consumer' });
      expect(sms.status).toBe(400);
      expect(sms.body.fields.initiated_by[0]).toContain(REFUSED);
      const bad = await open('five9', { initiated_by: 'both' });
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.fields)).toEqual(['initiated_by']);
      expect(await countedAttempts(tenant.id, account.accountId)).toBe(mode === 'shadow' ? 2 : 0);
    },
  );

  it("should keep the agent's queue on the collector's latest decision when the consumer calls in", async () => {
    const { tenant, key } = await gateTenant(t.db, http, 'enforce');
    const manager = await makeUser(t.db, tenant, ['manager']);
    const agent = await makeUser(t.db, tenant, ['agent'], { managerId: manager.id });
    const account = await makeCleanAccount(t.db, tenant);
    const assigned = await http.post(
      '/api/v1/queue-assignments',
      { account_ids: [account.accountId], agent_id: agent.id },
      { cookie: await http.login(manager.email, PASSWORD) },
    );
    expect(assigned.status).toBe(200);
    const ask = (extra: Record<string, unknown> = {}) =>
      http.post(
        CHECK,
        { tenant_id: tenant.slug, account_id: account.accountId, channel: 'voice', dial_mode: 'manual', ...extra },
        { apiKey: key },
      );
    for (let i = 0; i < 7; i++) expect((await ask()).body.allowed).toBe(true);
    const blocked = await ask();
    expect(blocked.body.allowed).toBe(false);
    expect((await ask({ initiated_by: 'consumer' })).body.allowed).toBe(true);

    // The inbound call is the latest decision, but it says nothing about when the agent may call next.
    const queue = await http.get('/api/v1/my-queue', { cookie: await http.login(agent.email, PASSWORD) });
    expect(queue.body).toHaveLength(1);
    expect(queue.body[0].last_decision).toMatchObject({ audit_id: blocked.body.audit_id, allowed: false });
    expect(queue.body[0].next_allowed_at).toBe(blocked.body.next_allowed_at);
  });

  it('should keep an inbound call out of the caps when its outcome arrives, and start the pause when it was a conversation', async () => {
    const { tenant, key } = await gateTenant(t.db, http, 'enforce');
    const itCookie = await http.login((await makeUser(t.db, tenant, ['it'])).email, PASSWORD);
    expect(
      (await http.put('/api/v1/vendors/generic', { enabled: true, webhook_secret: SECRET }, { cookie: itCookie }))
        .status,
    ).toBe(200);
    const account = await makeCleanAccount(t.db, tenant);
    const ask = (extra: Record<string, unknown> = {}) =>
      http.post(
        CHECK,
        { tenant_id: tenant.slug, account_id: account.accountId, channel: 'voice', dial_mode: 'manual', ...extra },
        { apiKey: key },
      );
    const inbound = await ask({ initiated_by: 'consumer' });
    expect(inbound.body.allowed).toBe(true);

    const raw = JSON.stringify({
      event_id: `evt-${inbound.body.audit_id}`,
      audit_id: inbound.body.audit_id,
      account_id: account.accountId,
      channel: 'voice',
      disposition: 'conversation',
      occurred_at: new Date().toISOString(),
    });
    const delivered = await http.request('POST', `/api/v1/webhooks/generic/${tenant.slug}`, {
      body: raw,
      headers: { 'x-floor-signature': signGeneric(SECRET, raw, Math.floor(Date.now() / 1000)) },
    });
    expect(delivered.status).toBe(202);
    // Applied here rather than by a worker: the same method the queue's job calls, idempotent.
    const [delivery] = await t.db.query('SELECT id::text FROM webhook_delivery WHERE tenant_id = $1', [tenant.id]);
    await t.app.get(WebhookProcessingService).process(delivery.id);

    expect(await attemptsOf(inbound.body.audit_id)).toEqual([
      { source: 'inbound', counted: false, outcome: 'conversation' },
    ]);
    expect(await countedAttempts(tenant.id, account.accountId)).toBe(0);
    // A telephone conversation, whoever placed the call, starts the 168-hour pause for the collector's calls.
    const next = await ask();
    expect(next.body.allowed).toBe(false);
    expect(reasons(next)).toEqual(['REG_F_POSTCONV:block']);
    expect(Date.parse(next.body.next_allowed_at) - Date.now()).toBeGreaterThan(167 * 3_600_000);
    // Another inbound call meanwhile is answered, with the warning.
    const again = await ask({ initiated_by: 'consumer' });
    expect(again.body).toMatchObject({ allowed: true, statutes: [] });
    expect(reasons(again)).toEqual(['REG_F_POSTCONV:warn']);
  });
});
