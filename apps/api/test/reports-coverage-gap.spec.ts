import { readCsv } from '@floor-os/formats';
import { PLATFORM_OPERATOR, type RoleId } from '@floor-os/personas';
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FoldService } from '../src/reports/fold.service';
import { GAP_CSV_BATCH } from '../src/reports/gap-report.service';
import { Tenant } from '../src/tenants/tenant.entity';
import { startApp, TestApp } from './support/app';
import { makeTenant, makeUser, PASSWORD } from './support/factories';
import { gateTenant, makeCleanAccount } from './support/gate';
import { Http } from './support/http';

const HOUR = 3_600_000;
/** The start of the current UTC hour when the suite started: every fixed data set hangs off it. */
const THIS_HOUR = Math.floor(Date.now() / HOUR) * HOUR;
/** Ten minutes into the hour five hours ago: old enough for its outcomes to count in a match rate. */
const FIVE_HOURS_AGO = new Date(THIS_HOUR - 5 * HOUR + 10 * 60_000);
const WINDOW = { from: new Date(THIS_HOUR - 12 * HOUR).toISOString(), to: new Date(THIS_HOUR + HOUR).toISOString() };

let sequence = 0;
/** A ULID-like audit id: ids sort by time, as the gate's do. */
function auditId(at: Date): string {
  return `ccs_${at.getTime().toString(36).padStart(10, '0').toUpperCase()}${String(++sequence).padStart(8, '0')}${randomUUID().slice(0, 6).toUpperCase()}`;
}

interface DecisionFields {
  channel?: string;
  allowed?: boolean;
  mode?: 'shadow' | 'enforce';
  rules?: string[];
  agent?: string | null;
  account?: string;
  phone?: string | null;
}

describe('coverage and the gap report (SPEC P1, P3)', () => {
  let t: TestApp;
  let http: Http;
  let folds: FoldService;
  let pdfDir: string;

  beforeAll(async () => {
    t = await startApp();
    http = new Http(t.baseUrl);
    folds = t.app.get(FoldService);
    pdfDir = mkdtempSync(join(tmpdir(), 'gap-pdf-'));
  });
  afterAll(() => t.close());

  /** Writes one decision row as the gate does; answers its audit id. */
  async function decision(tenant: Tenant, at: Date, fields: DecisionFields = {}): Promise<string> {
    const rules = fields.rules ?? [];
    const mode = fields.mode ?? tenant.enforcementMode;
    const blocks = rules.length > 0;
    const allowed = fields.allowed ?? (mode === 'shadow' || !blocks);
    const id = auditId(at);
    await t.db.query(
      `INSERT INTO compliance_event_log (audit_id, created_at, tenant_id, account_id, channel, allowed, would_block, mode, rule_ids, statutes, findings, expires_at, latency_ms, source, agent_id, phone_number)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $2::timestamptz + interval '5 minutes', 4, 'api', $12, $13)`,
      [
        id,
        at,
        tenant.id,
        fields.account ?? 'ACC-1',
        fields.channel ?? 'voice',
        allowed,
        mode === 'shadow' && blocks,
        mode,
        rules,
        rules.map((rule) => `statute of ${rule}`),
        JSON.stringify(
          rules.map((rule_id) => ({ rule_id, severity: 'block', statute: `statute of ${rule_id}`, message: rule_id })),
        ),
        fields.agent ?? null,
        fields.phone === undefined ? '+12125550123' : fields.phone,
      ],
    );
    return id;
  }

  async function decisions(tenant: Tenant, count: number, at: Date, fields: DecisionFields = {}): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(await decision(tenant, at, fields));
    return ids;
  }

  /** Outcome events as the webhook processor records them (a match by its decision's time). */
  async function outcomes(
    tenant: Tenant,
    count: number,
    kind: 'matched' | 'repeat' | 'ungated' | 'despite_block',
    channel: string,
    decisionAt: Date | null = FIVE_HOURS_AGO,
  ) {
    for (let i = 0; i < count; i++) {
      await t.db.query(
        `INSERT INTO report_outcome_event (tenant_id, at, channel, kind, audit_id, decision_at) VALUES ($1, $2, $3, $4, NULL, $5)`,
        [
          tenant.id,
          new Date((decisionAt ?? FIVE_HOURS_AGO).getTime() + 60_000),
          channel,
          kind,
          kind === 'ungated' ? null : decisionAt,
        ],
      );
    }
  }

  async function signIn(tenant: Tenant | null, roles: RoleId[], name = 'Test User'): Promise<string> {
    return http.login((await makeUser(t.db, tenant, roles, { name })).email, PASSWORD);
  }

  const byChannel = (body: { channels: { channel: string }[] }, channel: string) =>
    body.channels.find((c) => c.channel === channel) as Record<string, unknown>;

  describe('coverage', () => {
    it('should colour each channel by the first rule that matches, with its figures, over HTTP', async () => {
      // Enforce: voice contacted despite a block, SMS ungated, email low match, payment partial match.
      const red = await makeTenant(t.db, { enforcementMode: 'enforce' });
      await decisions(red, 3, FIVE_HOURS_AGO, { channel: 'voice' });
      await decisions(red, 2, FIVE_HOURS_AGO, { channel: 'voice', rules: ['REG_F_7IN7'] });
      await outcomes(red, 3, 'matched', 'voice');
      await outcomes(red, 1, 'despite_block', 'voice');
      await decisions(red, 4, FIVE_HOURS_AGO, { channel: 'sms' });
      await outcomes(red, 4, 'matched', 'sms');
      await outcomes(red, 1, 'ungated', 'sms', null);
      await decisions(red, 10, FIVE_HOURS_AGO, { channel: 'email' });
      await outcomes(red, 8, 'matched', 'email');
      await decisions(red, 20, FIVE_HOURS_AGO, { channel: 'payment' });
      await outcomes(red, 19, 'matched', 'payment');
      await outcomes(red, 2, 'repeat', 'payment');

      // Enforce, all matched on voice (one decision too young to count against it), nothing on SMS.
      const green = await makeTenant(t.db, { enforcementMode: 'enforce' });
      await decisions(green, 10, FIVE_HOURS_AGO, { channel: 'voice' });
      await outcomes(green, 10, 'matched', 'voice');
      await decision(green, new Date(Date.now() - 60_000), { channel: 'voice' });

      // Shadow, all matched: yellow whatever the match.
      const shadow = await makeTenant(t.db, { enforcementMode: 'shadow' });
      await decisions(shadow, 8, FIVE_HOURS_AGO, { channel: 'voice' });
      await decisions(shadow, 2, FIVE_HOURS_AGO, { channel: 'voice', rules: ['CALL_HOURS'] });
      await outcomes(shadow, 10, 'matched', 'voice');

      const read = async (tenant: Tenant) => {
        const cookie = await signIn(tenant, ['compliance_director']);
        const answer = await http.get('/api/v1/reports/coverage', { cookie, query: WINDOW });
        expect(answer.status, answer.text).toBe(200);
        return answer.body;
      };
      const redReport = await read(red);
      expect(redReport).toMatchObject({
        from: WINDOW.from,
        to: WINDOW.to,
        mode: 'enforce',
        timezone: 'America/New_York',
      });
      expect(byChannel(redReport, 'voice')).toMatchObject({
        colour: 'red',
        rule: 'CONTACT_DESPITE_BLOCK',
        gate_calls: 5,
        blocked: 2,
        would_block: 0,
        outcomes: 4,
        contacts_despite_block: 1,
        ungated_contacts: 0,
        match_rate: 1,
      });
      expect(byChannel(redReport, 'voice').explanation).toContain('1 contact was made after the gate answered');
      expect(byChannel(redReport, 'sms')).toMatchObject({
        colour: 'red',
        rule: 'UNGATED_CONTACT',
        gate_calls: 4,
        outcomes: 5,
        ungated_contacts: 1,
        match_rate: 1,
      });
      expect(byChannel(redReport, 'email')).toMatchObject({
        colour: 'red',
        rule: 'LOW_MATCH',
        gate_calls: 10,
        outcomes: 8,
        match_rate: 0.8,
      });
      expect(byChannel(redReport, 'payment')).toMatchObject({
        colour: 'yellow',
        rule: 'PARTIAL_MATCH',
        gate_calls: 20,
        outcomes: 21,
        match_rate: 0.95,
      });

      const greenReport = await read(green);
      expect(byChannel(greenReport, 'voice')).toMatchObject({
        colour: 'green',
        rule: 'ALL_CLEAR',
        gate_calls: 11,
        outcomes: 10,
        match_rate: 1,
      });
      expect(byChannel(greenReport, 'sms')).toMatchObject({
        colour: 'grey',
        rule: 'NO_TRAFFIC',
        gate_calls: 0,
        outcomes: 0,
        match_rate: null,
      });

      const shadowReport = await read(shadow);
      expect(shadowReport.mode).toBe('shadow');
      expect(byChannel(shadowReport, 'voice')).toMatchObject({
        colour: 'yellow',
        rule: 'SHADOW',
        gate_calls: 10,
        blocked: 0,
        would_block: 2,
        match_rate: 1,
      });

      // Hourly trend up to 72 h: every hour × channel, the decisions in their hour.
      expect(redReport.trend).toHaveLength(13 * 4);
      const hourOf = new Date(THIS_HOUR - 5 * HOUR).toISOString();
      expect(
        redReport.trend.find((p: { at: string; channel: string }) => p.at === hourOf && p.channel === 'voice'),
      ).toEqual({ at: hourOf, channel: 'voice', gate_calls: 5, blocked: 2, would_block: 0 });

      // Folded into the rollups, the same numbers.
      await folds.fold();
      const folded = await read(red);
      expect({ ...folded, as_of: null }).toEqual({ ...redReport, as_of: null });
    });

    it('should trend by local day in the tenant zone for windows longer than 72 hours, with the default window the last 168 hours', async () => {
      const tenant = await makeTenant(t.db, { enforcementMode: 'enforce', timezone: 'America/Los_Angeles' });
      await decisions(tenant, 3, FIVE_HOURS_AGO, { channel: 'sms' });
      const cookie = await signIn(tenant, ['executive']);
      const answer = await http.get('/api/v1/reports/coverage', { cookie });
      expect(answer.status, answer.text).toBe(200);
      expect(Date.parse(answer.body.to) - Date.parse(answer.body.from)).toBe(168 * HOUR);
      expect(Date.parse(answer.body.to) % HOUR).toBe(0);
      expect(Date.parse(answer.body.to)).toBeGreaterThanOrEqual(Date.now() - 60_000);
      expect(answer.body.timezone).toBe('America/Los_Angeles');
      const starts = [...new Set(answer.body.trend.map((p: { at: string }) => p.at))] as string[];
      expect(starts.length).toBeGreaterThanOrEqual(7);
      expect(starts.length).toBeLessThanOrEqual(8);
      for (const start of starts)
        expect(DateTime.fromISO(start).setZone('America/Los_Angeles').toFormat('HH:mm')).toBe('00:00');
      const sms = answer.body.trend.filter((p: { channel: string }) => p.channel === 'sms');
      expect(sms.reduce((sum: number, p: { gate_calls: number }) => sum + p.gate_calls, 0)).toBe(3);
    });

    it('should include a real gate check in a report read right after it', async () => {
      const { tenant, key } = await gateTenant(t.db, http, 'enforce');
      const account = await makeCleanAccount(t.db, tenant);
      const before = await http.get('/api/v1/reports/coverage', {
        cookie: await signIn(tenant, ['compliance_director']),
      });
      expect(byChannel(before.body, 'voice').gate_calls).toBe(0);
      const check = await http.post(
        '/api/v1/compliance/contact-check',
        { tenant_id: tenant.slug, account_id: account.accountId, channel: 'voice' },
        { apiKey: key },
      );
      expect(check.status, check.text).toBe(200);
      const director = await signIn(tenant, ['compliance_director']);
      const after = await http.get('/api/v1/reports/coverage', { cookie: director });
      expect(byChannel(after.body, 'voice')).toMatchObject({ gate_calls: 1, colour: 'green', rule: 'ALL_CLEAR' });
    });

    it('should answer 400 naming the field for bad windows and unknown keys, and 403 without the permission', async () => {
      const tenant = await makeTenant(t.db);
      const cookie = await signIn(tenant, ['compliance_officer']);
      const bad = async (query: Record<string, string>, field: string) => {
        for (const path of [
          '/api/v1/reports/coverage',
          '/api/v1/reports/gap',
          '/api/v1/reports/gap.csv',
          '/api/v1/reports/gap.pdf',
        ]) {
          const answer = await http.get(path, { cookie, query });
          expect(answer.status, `${path} ${JSON.stringify(query)}`).toBe(400);
          expect(Object.keys(answer.body.fields), `${path} ${JSON.stringify(query)}`).toContain(field);
        }
      };
      await bad({ from: '2026-03-01' }, 'from');
      await bad({ to: '2026-03-01T10:00:00' }, 'to');
      await bad({ from: 'not a time' }, 'from');
      await bad({ from: '__proto__' }, 'from');
      await bad({ from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' }, 'from');
      await bad({ from: '2026-03-01T00:00:00Z', to: '2026-03-01T00:00:00Z' }, 'from');
      await bad({ from: '2025-01-01T00:00:00Z', to: '2025-06-01T00:00:00Z' }, 'to');
      await bad({ from: '2025-01-01T00:00:00Z' }, 'from');
      await bad({ tenant: 'x' }, 'tenant');
      // Exactly 90 days is allowed.
      expect(
        (
          await http.get('/api/v1/reports/coverage', {
            cookie,
            query: { from: '2025-01-01T00:00:00Z', to: '2025-04-01T00:00:00Z' },
          })
        ).status,
      ).toBe(200);

      const agent = await signIn(tenant, ['agent']);
      expect((await http.get('/api/v1/reports/coverage', { cookie: agent })).status).toBe(403);
      expect((await http.get('/api/v1/reports/gap', { cookie: agent })).status).toBe(403);
      const executive = await signIn(tenant, ['executive']);
      expect((await http.get('/api/v1/reports/coverage', { cookie: executive })).status).toBe(200);
      expect((await http.get('/api/v1/reports/gap', { cookie: executive })).status).toBe(403);
    });
  });

  describe('gap report', () => {
    it('should group would-block shadow decisions by rule with counts from the rollups and the newest samples', async () => {
      const tenant = await makeTenant(t.db, { enforcementMode: 'shadow' });
      // AG-7 is a user of the tenant (named in the samples); AG-OLD is a dialer's code no user holds.
      await makeUser(t.db, tenant, ['agent'], { name: 'Ann Agent', agentCode: 'AG-7' });
      const older = new Date(THIS_HOUR - 8 * HOUR + 60_000);
      const olderIds = await decisions(tenant, 4, older, {
        rules: ['REG_F_7IN7'],
        agent: 'AG-OLD',
        account: 'ACC-OLD',
      });
      const newerIds = await decisions(tenant, 3, FIVE_HOURS_AGO, {
        rules: ['REG_F_7IN7', 'CALL_HOURS'],
        agent: 'AG-7',
        account: 'ACC-7',
        phone: '+13125550100',
        channel: 'sms',
      });
      await decisions(tenant, 5, FIVE_HOURS_AGO, {}); // shadow, allowed: decisions, not would-block
      await decision(tenant, FIVE_HOURS_AGO, { mode: 'enforce', rules: ['TCPA_CONSENT'] }); // an enforce block: not in a shadow report
      await decision(tenant, new Date(THIS_HOUR - 30 * HOUR), { rules: ['TCPA_CONSENT'] }); // outside the window
      const cookie = await signIn(tenant, ['compliance_officer']);

      const read = async () => {
        const answer = await http.get('/api/v1/reports/gap', { cookie, query: WINDOW });
        expect(answer.status, answer.text).toBe(200);
        return answer.body;
      };
      const report = await read();
      expect(report).toMatchObject({
        from: WINDOW.from,
        to: WINDOW.to,
        tenant: { slug: tenant.slug, legal_name: tenant.legalName },
        decisions: 12,
        would_block: 7,
      });
      expect(report.by_statute.map((g: { rule_id: string; count: number }) => [g.rule_id, g.count])).toEqual([
        ['REG_F_7IN7', 7],
        ['CALL_HOURS', 3],
      ]);
      const [sevenInSeven, hours] = report.by_statute;
      expect(sevenInSeven.statute).toBe('12 CFR 1006.14(b)(2)(i)(A)');
      expect(sevenInSeven.title).toBeTruthy();
      // Newest first: the three sms decisions, then the newest two of the older hour.
      const newestFirst = [...newerIds].reverse();
      expect(sevenInSeven.samples.map((s: { audit_id: string }) => s.audit_id)).toEqual([
        ...newestFirst,
        ...olderIds.slice(-2).reverse(),
      ]);
      expect(sevenInSeven.samples[0]).toEqual({
        audit_id: newestFirst[0],
        account_id: 'ACC-7',
        phone_number: '+13125550100',
        agent_id: 'AG-7',
        agent_name: 'Ann Agent',
        at: FIVE_HOURS_AGO.toISOString(),
      });
      expect(sevenInSeven.samples.at(-1)).toMatchObject({ agent_id: 'AG-OLD', agent_name: null });
      expect(hours.samples).toHaveLength(3);

      await folds.fold();
      expect({ ...(await read()), as_of: null }).toEqual({ ...report, as_of: null });

      // The default window is the last 72 hours: the decision of 30 hours ago is in it.
      const byDefault = await http.get('/api/v1/reports/gap', { cookie });
      expect(Date.parse(byDefault.body.to) - Date.parse(byDefault.body.from)).toBe(72 * HOUR);
      expect(byDefault.body.by_statute.find((g: { rule_id: string }) => g.rule_id === 'TCPA_CONSENT')).toMatchObject({
        count: 1,
      });
    });

    it('should stream every would-block decision of the window as CSV across keyset pages, formulas neutralised', async () => {
      const tenant = await makeTenant(t.db, { enforcementMode: 'shadow' });
      const total = GAP_CSV_BATCH * 2 + 7;
      // Many decisions share each instant, so pages break inside runs of equal times (the audit id decides).
      await t.db.query(
        `INSERT INTO compliance_event_log (audit_id, created_at, tenant_id, account_id, channel, allowed, would_block, mode, rule_ids, statutes, findings, expires_at, latency_ms, source, agent_id, phone_number)
         SELECT 'ccs_CSV' || lpad(i::text, 8, '0'), $2::timestamptz + ((i % 13) * interval '1 second') + interval '123456 microseconds', $1, 'ACC-' || i, 'voice', true, true, 'shadow',
                ARRAY['REG_F_7IN7'], ARRAY['12 CFR 1006.14(b)(2)(i)(A)'], '[{"rule_id":"REG_F_7IN7","severity":"block"}]'::jsonb,
                $2::timestamptz + interval '1 hour', 3, 'api', 'AG-' || (i % 5), '+12125550123'
           FROM generate_series(1, $3::int) AS i`,
        [tenant.id, FIVE_HOURS_AGO, total - 1],
      );
      const planted = await decision(tenant, FIVE_HOURS_AGO, {
        rules: ['TCPA_CONSENT', 'CALL_HOURS'],
        agent: '=HYPERLINK("http://evil.example","click")',
        account: '@SUM(1)',
      });
      await decisions(tenant, 3, FIVE_HOURS_AGO, {}); // allowed, not would-block: not listed
      await decision(tenant, FIVE_HOURS_AGO, { mode: 'enforce', rules: ['REG_F_7IN7'] }); // enforce: not listed
      const cookie = await signIn(tenant, ['compliance_officer']);

      const answer = await http.get('/api/v1/reports/gap.csv', { cookie, query: WINDOW });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toContain('text/csv');
      expect(answer.headers.get('content-disposition')).toContain('attachment');
      const [header, ...rows] = readCsv(answer.text);
      expect(header).toEqual([
        'at',
        'audit_id',
        'account_id',
        'phone_number',
        'agent_id',
        'channel',
        'rule_ids',
        'statutes',
      ]);
      expect(rows).toHaveLength(total);
      expect(new Set(rows.map((r) => r[1])).size).toBe(total);
      const times = rows.map((r) => Date.parse(r[0]));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      const row = rows.find((r) => r[1] === planted)!;
      expect(row[4]).toBe(`'=HYPERLINK("http://evil.example","click")`);
      expect(row[2]).toBe(`'@SUM(1)`);
      expect(row[3]).toBe('+12125550123');
      expect(row[6]).toBe('TCPA_CONSENT; CALL_HOURS');

      // The JSON report agrees on the count.
      const report = await http.get('/api/v1/reports/gap', { cookie, query: WINDOW });
      expect(report.body.would_block).toBe(total);
    });

    it('should render the PDF with the statutes and counts, read back by pdftotext', async () => {
      const tenant = await makeTenant(t.db, { enforcementMode: 'shadow', legalName: 'Zoë Collections LLC' });
      await decisions(tenant, 6, FIVE_HOURS_AGO, { rules: ['REG_F_7IN7'] });
      await decisions(tenant, 2, FIVE_HOURS_AGO, { rules: ['TCPA_CONSENT'], agent: 'AG-PDF-1' });
      const cookie = await signIn(tenant, ['compliance_director']);
      const answer = await fetch(
        new URL(
          `/api/v1/reports/gap.pdf?from=${encodeURIComponent(WINDOW.from)}&to=${encodeURIComponent(WINDOW.to)}`,
          t.baseUrl,
        ),
        { headers: { cookie } },
      );
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('application/pdf');
      const text = pdfText(Buffer.from(await answer.arrayBuffer()));
      expect(text).toContain('Zoë Collections LLC');
      expect(text).toContain('12 CFR 1006.14(b)(2)(i)(A)');
      expect(text).toContain('47 U.S.C. § 227(b)(1)(A)(iii)');
      expect(text).toMatch(/REG_F_7IN7 · 6 would-block decisions/);
      expect(text).toMatch(/TCPA_CONSENT · 2 would-block decisions/);
      expect(text).toContain('AG-PDF-1');
    });
  });

  describe('sign-offs', () => {
    it('should freeze a signed snapshot whose bytes and SHA-256 never change, audited, listed, and shown as W1.6 evidence', async () => {
      const tenant = await makeTenant(t.db, { enforcementMode: 'shadow' });
      await decisions(tenant, 3, FIVE_HOURS_AGO, { rules: ['REG_F_7IN7'] });
      const operator = await signIn(null, [PLATFORM_OPERATOR]);
      expect(
        (await http.post(`/sys/onboarding/${tenant.slug}`, { template: 'pilot' }, { cookie: operator })).status,
      ).toBe(201);
      const w16 = async () =>
        (await http.get(`/sys/onboarding/${tenant.slug}`, { cookie: operator })).body.steps.find(
          (s: { key: string }) => s.key === 'W1.6',
        ).evidence_check;
      expect(await w16()).toEqual({
        kind: 'gap_report_signed',
        label: 'Gap report signed',
        path: '/gap-report',
        available: true,
        seen: false,
        seen_at: null,
      });

      const officer = await signIn(tenant, ['compliance_officer'], 'Renée Officer');
      const signed = await http.post(
        '/api/v1/reports/gap/sign-offs',
        { ...WINDOW, note: 'Reviewed with the Director' },
        { cookie: officer },
      );
      expect(signed.status, signed.text).toBe(201);
      expect(signed.body).toMatchObject({
        from: WINDOW.from,
        to: WINDOW.to,
        signed_by: { name: 'Renée Officer' },
        note: 'Reviewed with the Director',
        report: { decisions: 3, would_block: 3 },
      });
      expect(signed.body.sha256).toMatch(/^[0-9a-f]{64}$/);

      const download = async () => {
        const response = await fetch(new URL(`/api/v1/reports/gap/sign-offs/${signed.body.id}/pdf`, t.baseUrl), {
          headers: { cookie: officer },
        });
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('application/pdf');
        return { bytes: Buffer.from(await response.arrayBuffer()), header: response.headers.get('x-content-sha256') };
      };
      const first = await download();
      expect(createHash('sha256').update(first.bytes).digest('hex')).toBe(signed.body.sha256);
      expect(first.header).toBe(signed.body.sha256);
      const text = pdfText(first.bytes);
      expect(text).toContain('Renée Officer');
      expect(text).toContain('Reviewed with the Director');

      // Audited.
      const [audit] = await t.db.query(
        `SELECT actor_label, after FROM admin_audit_log WHERE tenant_id = $1 AND entity_type = 'gap_sign_off' AND entity_id = $2`,
        [tenant.id, signed.body.id],
      );
      expect(audit.after).toMatchObject({ sha256: signed.body.sha256, would_block: 3 });

      // More decisions and a fold later, the live report moves; the snapshot does not.
      await decisions(tenant, 4, FIVE_HOURS_AGO, { rules: ['CALL_HOURS'] });
      await folds.fold();
      expect((await http.get('/api/v1/reports/gap', { cookie: officer, query: WINDOW })).body.would_block).toBe(7);
      const again = await download();
      expect(again.bytes.equals(first.bytes)).toBe(true);
      expect(again.header).toBe(signed.body.sha256);
      const shown = await http.get(`/api/v1/reports/gap/sign-offs/${signed.body.id}`, { cookie: officer });
      expect(shown.body).toEqual(signed.body);

      // Listed newest first with the list convention.
      const second = await http.post('/api/v1/reports/gap/sign-offs', WINDOW, {
        cookie: await signIn(tenant, ['compliance_director']),
      });
      expect(second.status).toBe(201);
      expect(second.body.report.would_block).toBe(7);
      const list = await http.get('/api/v1/reports/gap/sign-offs', { cookie: officer });
      expect(list.headers.get('content-range')).toBe('gap-sign-offs 0-1/2');
      expect(list.body.map((s: { id: string }) => s.id)).toEqual([second.body.id, signed.body.id]);
      const oldestFirst = await http.get('/api/v1/reports/gap/sign-offs', {
        cookie: officer,
        query: { sort: JSON.stringify(['signed_at', 'ASC']), range: '[0,0]' },
      });
      expect(oldestFirst.body.map((s: { id: string }) => s.id)).toEqual([signed.body.id]);
      expect(oldestFirst.headers.get('content-range')).toBe('gap-sign-offs 0-0/2');
      expect(
        (
          await http.get('/api/v1/reports/gap/sign-offs', {
            cookie: officer,
            query: { filter: JSON.stringify({ id: [second.body.id] }) },
          })
        ).body,
      ).toHaveLength(1);
      expect(
        (
          await http.get('/api/v1/reports/gap/sign-offs', {
            cookie: officer,
            query: { filter: JSON.stringify({ signed_at: 'x' }) },
          })
        ).status,
      ).toBe(400);

      // The W1.6 step shows the latest sign-off.
      expect(await w16()).toMatchObject({ kind: 'gap_report_signed', seen: true, seen_at: second.body.signed_at });

      // The database refuses to change or delete a snapshot.
      await expect(
        t.db.query(`UPDATE report_snapshot SET note = 'changed' WHERE id = $1`, [signed.body.id]),
      ).rejects.toThrow(/immutable/);
      await expect(t.db.query(`DELETE FROM report_snapshot WHERE id = $1`, [signed.body.id])).rejects.toThrow(
        /immutable/,
      );
      // No route edits or deletes one.
      for (const method of ['PUT', 'PATCH', 'DELETE']) {
        expect(
          (
            await http.request(method, `/api/v1/reports/gap/sign-offs/${signed.body.id}`, {
              cookie: officer,
              ...(method === 'DELETE' ? {} : { body: { note: 'x' } }),
            })
          ).status,
        ).toBe(404);
      }

      // The tenant cannot be deleted; one without snapshots can.
      const refused = await http.delete(`/api/v1/tenants/${tenant.slug}`, { cookie: operator });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'TENANT_HAS_SNAPSHOTS' });
      expect(refused.body.message).toContain('Deactivate it instead');
      expect(await t.db.getRepository(Tenant).countBy({ id: tenant.id })).toBe(1);
      const plain = await makeTenant(t.db);
      expect((await http.delete(`/api/v1/tenants/${plain.slug}`, { cookie: operator })).status).toBe(200);
    });

    it('should refuse bad sign-off bodies naming the field, the read-only personas, and other tenants', async () => {
      const tenant = await makeTenant(t.db, { enforcementMode: 'shadow' });
      const officer = await signIn(tenant, ['compliance_officer']);
      const bad = async (body: unknown, field: string) => {
        const answer = await http.post('/api/v1/reports/gap/sign-offs', body, { cookie: officer });
        expect(answer.status, JSON.stringify(body)).toBe(400);
        expect(Object.keys(answer.body.fields ?? {}), JSON.stringify(body)).toContain(field);
      };
      await bad({ to: WINDOW.to }, 'from');
      await bad({ from: WINDOW.from }, 'to');
      await bad({ ...WINDOW, note: 12 }, 'note');
      await bad({ ...WINDOW, note: 'x'.repeat(2001) }, 'note');
      await bad({ ...WINDOW, signed_by: 'someone else' }, 'signed_by');
      await bad({ from: WINDOW.to, to: WINDOW.from }, 'from');
      await bad({ from: '2025-01-01T00:00:00Z', to: '2025-06-01T00:00:00Z' }, 'to');

      const signed = await http.post('/api/v1/reports/gap/sign-offs', WINDOW, { cookie: officer });
      expect(signed.status).toBe(201);
      // The Executive reads coverage but neither reads nor signs the gap report; an agent neither.
      for (const roles of [['executive'], ['agent']] as RoleId[][]) {
        const cookie = await signIn(tenant, roles);
        expect((await http.post('/api/v1/reports/gap/sign-offs', WINDOW, { cookie })).status).toBe(403);
        expect((await http.get(`/api/v1/reports/gap/sign-offs/${signed.body.id}`, { cookie })).status).toBe(403);
      }

      // Another tenant's officer: not found, not listed.
      const stranger = await signIn(await makeTenant(t.db), ['compliance_officer']);
      expect((await http.get(`/api/v1/reports/gap/sign-offs/${signed.body.id}`, { cookie: stranger })).status).toBe(
        404,
      );
      expect((await http.get(`/api/v1/reports/gap/sign-offs/${signed.body.id}/pdf`, { cookie: stranger })).status).toBe(
        404,
      );
      const list = await http.get('/api/v1/reports/gap/sign-offs', { cookie: stranger });
      expect(list.body).toEqual([]);
      expect((await http.get('/api/v1/reports/gap/sign-offs/not-a-uuid', { cookie: officer })).status).toBe(404);
      expect((await http.get(`/api/v1/reports/gap/sign-offs/${randomUUID()}`, { cookie: officer })).status).toBe(404);
    });
  });

  let pdfCounter = 0;
  function pdfText(pdf: Buffer): string {
    const file = join(pdfDir, `gap-${++pdfCounter}.pdf`);
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  }
});
