import type { INestApplicationContext } from '@nestjs/common';
import { addDays, lastFinishedWeek, missedWeeks, nextWeeklyRun, weekBounds } from '@floor-os/reports';
import { DateTime } from 'luxon';
import { createHash, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WeeklyReviewSchedule } from '../src/reports/weekly-review.schedule';
import { WeeklyReviewService } from '../src/reports/weekly-review.service';
import { Tenant } from '../src/tenants/tenant.entity';
import { startWorker } from '../src/worker';
import { startApp, TestApp, testConfig } from './support/app';
import { makeTenant, makeUser, PASSWORD } from './support/factories';
import { Http } from './support/http';
import { until } from './support/wait';

let sequence = 0;
const INSERT = `INSERT INTO compliance_event_log (audit_id, created_at, tenant_id, account_id, channel, allowed, would_block, mode, rule_ids, statutes, findings, expires_at, latency_ms, source, agent_id)
  VALUES ($1, $2, $3, 'WR-1', $4, $5, $6, $7, $8, '{}', $9::jsonb, $2::timestamptz + interval '5 minutes', $10, 'api', NULL)`;

/** A decision row as the gate writes it, directly (like reports-fold.spec). */
async function decision(
  t: TestApp,
  tenant: Tenant,
  at: string,
  fields: { channel?: string; mode?: 'shadow' | 'enforce'; rules?: string[]; latency?: number } = {},
) {
  const rules = fields.rules ?? [];
  const mode = fields.mode ?? 'shadow';
  const blocks = rules.length > 0;
  const auditId =
    `ccs_${Date.parse(at).toString(36).padStart(10, '0')}${String(++sequence).padStart(8, '0')}${randomUUID().slice(0, 8)}`
      .toUpperCase()
      .replace('CCS_', 'ccs_');
  await t.db.query(INSERT, [
    auditId,
    new Date(at),
    tenant.id,
    fields.channel ?? 'voice',
    !(blocks && mode === 'enforce'),
    blocks && mode === 'shadow',
    mode,
    rules,
    JSON.stringify(rules.map((rule_id) => ({ rule_id, severity: 'block' }))),
    fields.latency ?? 4,
  ]);
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP relay on a fixed port that can be stopped and started again. */
class Relay {
  readonly messages: Received[] = [];
  private server: SMTPServer | null = null;
  constructor(readonly port: number) {}

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          this.messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string): Received[] {
    return this.messages.filter((m) => m.to.includes(address));
  }
}

/** The PDF part of a raw MIME message, decoded. */
function pdfAttachment(raw: string): Buffer {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)![1];
  const part = raw.split(`--${boundary}`).find((p) => /Content-Type:\s*application\/pdf/i.test(p))!;
  const body = part
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join('');
  return Buffer.from(body.replace(/[\r\n]/g, ''), 'base64');
}

/** The Subject header with its encoded words (RFC 2047, B or Q) decoded. */
function subjectOf(raw: string): string {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/im.exec(raw)![1].replace(/\r?\n[ \t]/g, ' ');
  return header.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, kind: string, text: string) =>
    kind.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text
            .replace(/_/g, ' ')
            .replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('the WeeklyReview (SPEC P2, decided details 23, 26, 27)', () => {
  let t: TestApp;
  let http: Http;
  let worker: INestApplicationContext;
  let relay: Relay;

  beforeAll(async () => {
    relay = new Relay(await freePort());
    await relay.start();
    const env = {
      SMTP_URL: `smtp://127.0.0.1:${relay.port}`,
      MAIL_FROM: 'Floor OS <reports@floor-os.test>',
      REPORT_MAIL_BACKOFF_MS: '300',
    };
    t = await startApp(env);
    http = new Http(t.baseUrl);
    worker = await startWorker(testConfig(env));
    // The DST week below is in October 2026: its month's partition of the decision log, counted back from now.
    const now = new Date();
    await t.db.query('SELECT ensure_event_log_partitions($1, 0)', [
      (now.getUTCFullYear() - 2026) * 12 + now.getUTCMonth() - 9 + 1,
    ]);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await relay?.stop();
  });

  const reviewRows = async (tenant: Tenant) =>
    (
      await t.db.query(
        `SELECT to_char(week_start, 'YYYY-MM-DD') AS week FROM report_snapshot WHERE tenant_id = $1 AND kind = 'weekly_review' ORDER BY week_start`,
        [tenant.id],
      )
    ).map((r: { week: string }) => r.week);

  it('should count a DST week of 169 hours in America/New_York, a Sunday-night decision in it and the next Monday out, against the week before', async () => {
    const tenant = await makeTenant(t.db, { timezone: 'America/New_York' });
    // Week of Mon 2026-10-26; the clocks go back on Sun 2026-11-01, so it ends Mon 2026-11-02 00:00 EST = 05:00Z.
    const bounds = weekBounds('2026-10-26', 'America/New_York');
    expect((bounds.to - bounds.from) / 3_600_000).toBe(169);
    await decision(t, tenant, '2026-10-26T04:10:00Z', { rules: ['CEASE'], latency: 3 }); // Mon 00:10 EDT: this week
    await decision(t, tenant, '2026-10-28T15:00:00Z', { mode: 'enforce', rules: ['CEASE', 'DISPUTE'], latency: 8 });
    await decision(t, tenant, '2026-10-29T15:00:00Z', { channel: 'sms', latency: 4 });
    await decision(t, tenant, '2026-11-02T04:30:00Z', { rules: ['BANKRUPTCY'], latency: 140 }); // Sun 23:30 EST: this week (the 169th hour)
    await decision(t, tenant, '2026-11-02T05:30:00Z', { rules: ['BANKRUPTCY'], latency: 4 }); // Mon 00:30 EST: next week
    await decision(t, tenant, '2026-10-26T03:50:00Z', { rules: ['CEASE'], latency: 4 }); // Sun 23:50 EDT: the week before
    await decision(t, tenant, '2026-10-21T12:00:00Z', { latency: 4 });
    const [annotation] = await t.db.query(
      `INSERT INTO decision_annotation (tenant_id, audit_id, category, note, status, created_by_email, created_at, resolved_at)
       VALUES ($1, 'ccs_X1', 'disagree', 'n', 'resolved', 'x@example.test', '2026-10-20T12:00:00Z', '2026-10-27T12:00:00Z'),
              ($1, 'ccs_X2', 'disagree', 'n', 'open', 'x@example.test', '2026-10-30T12:00:00Z', NULL),
              ($1, 'ccs_X3', 'other', 'n', 'open', 'x@example.test', '2026-11-02T06:00:00Z', NULL) RETURNING id`,
      [tenant.id],
    );
    expect(annotation).toBeDefined();
    await t.db.query(
      `INSERT INTO webhook_delivery (tenant_id, vendor, event_id, raw_body, headers, received_at, status)
       VALUES ($1, 'generic', 'e1', '{}', '{}', '2026-10-27T12:00:00Z', 'processed'), ($1, 'generic', 'e2', '{}', '{}', '2026-10-27T13:00:00Z', 'processed'),
              ($1, 'generic', 'e3', '{}', '{}', '2026-10-27T14:00:00Z', 'processed'), ($1, 'generic', 'e4', '{}', '{}', '2026-10-28T12:00:00Z', 'failed'),
              ($1, 'generic', 'e5', '{}', '{}', '2026-11-02T06:00:00Z', 'failed')`,
      [tenant.id],
    );
    await t.db.query(
      `INSERT INTO webhook_stat (tenant_id, vendor, hour, kind, reason, count) VALUES ($1, 'generic', '2026-10-27T10:00:00Z', 'refused', 'mismatch', 6), ($1, 'generic', '2026-10-27T10:00:00Z', 'refused_from', '127.0.0.1', 6)`,
      [tenant.id],
    );

    const numbers = await t.app.get(WeeklyReviewService).numbers(tenant.id, 'America/New_York', '2026-10-26');

    expect(numbers.week_start).toBe('2026-10-26T04:00:00.000Z');
    expect(numbers.week_end).toBe('2026-11-02T05:00:00.000Z');
    expect(numbers.gate_calls).toEqual([
      { channel: 'voice', calls: 3, previous: 2, change_pct: 50 },
      { channel: 'sms', calls: 1, previous: 0, change_pct: null },
      { channel: 'email', calls: 0, previous: 0, change_pct: 0 },
      { channel: 'payment', calls: 0, previous: 0, change_pct: 0 },
    ]);
    // Blocked in enforce and would-block in shadow both count; the week before had one CEASE.
    expect(numbers.blocks_by_statute.map(({ rule_id, count, previous }) => ({ rule_id, count, previous }))).toEqual([
      { rule_id: 'CEASE', count: 2, previous: 1 },
      { rule_id: 'BANKRUPTCY', count: 1, previous: 0 },
      { rule_id: 'DISPUTE', count: 1, previous: 0 },
    ]);
    expect(
      numbers.blocks_by_statute.every((row) => row.statute.length > 0 && row.statute !== 'not in the rule catalogue'),
    ).toBe(true);
    expect(numbers.top_reasons.map((r) => [r.rule_id, r.count])).toEqual([
      ['CEASE', 2],
      ['BANKRUPTCY', 1],
      ['DISPUTE', 1],
    ]);
    expect(numbers.disputes).toEqual({ opened: 1, resolved: 1 });
    expect(numbers.webhooks).toEqual({ received: 4, processed: 3, failed: 1, refused: 6, success_rate: 0.75 });
    // Four latencies (3, 8, 4, 140 ms): the nearest-rank p95 is the 4th, in the 120–150 bucket.
    expect(numbers.latency_p95_ms).toBe(150);
  });

  it('should schedule the repeatable job for Monday 07:00 in the tenant zone, and move it when the zone changes', async () => {
    const tenant = await makeTenant(t.db, { timezone: 'America/Chicago' });
    const schedule = worker.get(WeeklyReviewSchedule);
    await schedule.reconcile();
    const first = await schedule.nextRun(tenant.id);
    expect(first?.zone).toBe('America/Chicago');
    expect(first?.at).toBe(nextWeeklyRun(Date.now(), 'America/Chicago'));
    const local = DateTime.fromMillis(first!.at, { zone: 'America/Chicago' });
    expect([local.weekday, local.hour, local.minute]).toEqual([1, 7, 0]);

    const admin = await makeUser(t.db, tenant, ['tenant_admin']);
    const cookie = await http.login(admin.email, PASSWORD);
    const put = await http.put('/api/v1/tenant', { timezone: 'America/Los_Angeles' }, { cookie });
    expect(put.status, put.text).toBe(200);
    const moved = await schedule.nextRun(tenant.id);
    expect(moved?.zone).toBe('America/Los_Angeles');
    expect(moved?.at).toBe(nextWeeklyRun(Date.now(), 'America/Los_Angeles'));
    expect(DateTime.fromMillis(moved!.at, { zone: 'America/Los_Angeles' }).toFormat('c HH:mm')).toBe('1 07:00');
    // Still one repeatable for the tenant after another reconcile (a worker starting again).
    await schedule.reconcile();
    const ownJobs = (
      await (
        schedule as unknown as { queue: { getRepeatableJobs(): Promise<{ id: string }[]> } }
      ).queue.getRepeatableJobs()
    ).filter((j) => j.id === `weekly-review-${tenant.id}`);
    expect(ownJobs).toHaveLength(1);
  });

  it('should store one review a week when two workers generate it at once', async () => {
    const tenant = await makeTenant(t.db);
    const week = lastFinishedWeek(Date.now(), tenant.timezone);
    await decision(t, tenant, new Date(weekBounds(week, tenant.timezone).from + 3_600_000).toISOString(), {
      rules: ['CEASE'],
    });
    const results = await Promise.all([
      t.app.get(WeeklyReviewService).generate(tenant.id, week),
      worker.get(WeeklyReviewService).generate(tenant.id, week),
      t.app.get(WeeklyReviewService).generate(tenant.id, week),
      worker.get(WeeklyReviewService).generate(tenant.id, week),
    ]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await reviewRows(tenant)).toEqual([week]);
  });

  it('should mail the PDF to the active Compliance Directors and Executives only, with the stored bytes', async () => {
    const tenant = await makeTenant(t.db, { legalName: 'Mailbox Collections LLC' });
    const director = await makeUser(t.db, tenant, ['compliance_director']);
    const executive = await makeUser(t.db, tenant, ['executive', 'manager']);
    const disabled = await makeUser(t.db, tenant, ['compliance_director'], { status: 'disabled' });
    const officer = await makeUser(t.db, tenant, ['compliance_officer']);
    const stranger = await makeUser(t.db, await makeTenant(t.db), ['compliance_director']);
    const cookie = await http.login(director.email, PASSWORD);

    const created = await http.post('/api/v1/reports/weekly-reviews', {}, { cookie });
    expect(created.status, created.text).toBe(201);
    const week = lastFinishedWeek(Date.now(), tenant.timezone);
    expect(created.body.week_start).toBe(week);
    expect(created.body.deliveries.map((d: { recipient: string }) => d.recipient).sort()).toEqual(
      [director.email, executive.email].sort(),
    );

    await until(async () =>
      (await http.get(`/api/v1/reports/weekly-reviews/${created.body.id}`, { cookie })).body.deliveries.every(
        (d: { status: string }) => d.status === 'sent',
      )
        ? true
        : undefined,
    );
    const pdf = await http.request('GET', `/api/v1/reports/weekly-reviews/${created.body.id}/pdf`, { cookie });
    expect(pdf.status).toBe(200);
    const mails = relay.messages.filter((m) => m.to.includes(director.email) || m.to.includes(executive.email));
    expect(
      mails
        .map((m) => m.to)
        .flat()
        .sort(),
    ).toEqual([director.email, executive.email].sort());
    for (const address of [disabled.email, officer.email, stranger.email]) expect(relay.to(address)).toEqual([]);
    for (const mail of mails) {
      expect(mail.from).toBe('reports@floor-os.test');
      expect(sha256(pdfAttachment(mail.raw))).toBe(created.body.sha256);
      expect(subjectOf(mail.raw)).toContain('Mailbox Collections LLC');
      expect(subjectOf(mail.raw)).toContain(DateTime.fromISO(week).toFormat('LLL d, yyyy'));
    }
    expect(pdf.headers.get('x-content-sha256')).toBe(created.body.sha256);

    // The worker sent them and timed its jobs; the API's /metrics reads both from Redis.
    const metrics = (await http.get('/metrics')).text;
    expect(metrics).toMatch(/report_mail_total\{result="sent"\} [1-9]/);
    expect(metrics).toMatch(/report_job_duration_seconds_count\{job="send-report-mail"\} [1-9]/);
  });

  it('should keep the review when SMTP is down, record the failure, and send it on a retry once the relay is back', async () => {
    const tenant = await makeTenant(t.db);
    const director = await makeUser(t.db, tenant, ['compliance_director']);
    const cookie = await http.login(director.email, PASSWORD);
    await relay.stop();
    try {
      const created = await http.post('/api/v1/reports/weekly-reviews', {}, { cookie });
      expect(created.status, created.text).toBe(201);
      const failed = await until(async () => {
        const view = (await http.get(`/api/v1/reports/weekly-reviews/${created.body.id}`, { cookie })).body;
        return view.deliveries[0]?.status === 'failed' ? view : undefined;
      });
      expect(failed.deliveries[0].error).toMatch(/ECONNREFUSED|connect/i);
      expect(failed.deliveries[0].error).not.toContain(director.email);
      expect(failed.sha256).toBe(created.body.sha256);
    } finally {
      await relay.start();
    }
    const reviews = await http.get('/api/v1/reports/weekly-reviews', { cookie });
    const id = reviews.body[0].id;
    const sent = await until(async () => {
      const view = (await http.get(`/api/v1/reports/weekly-reviews/${id}`, { cookie })).body;
      return view.deliveries[0]?.status === 'sent' ? view : undefined;
    }, 30_000);
    expect(sent.deliveries[0].attempts).toBeGreaterThan(1);
    expect(sent.deliveries[0].error).toBeNull();
    expect(relay.to(director.email)).toHaveLength(1);
  });

  it('should generate the missed weeks when a worker starts after a missed Monday', async () => {
    const tenant = await makeTenant(t.db, { timezone: 'America/Denver' });
    // The tenant started three weeks ago; no worker ran on the Mondays since.
    await t.db.query(`UPDATE tenant SET created_at = now() - interval '22 days' WHERE id = $1`, [tenant.id]);
    const expected = missedWeeks(null, Date.now(), 'America/Denver', {
      since: Date.now() - 22 * 86_400_000,
      maxWeeks: 4,
    });
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(await reviewRows(tenant)).toEqual([]);

    await worker.get(WeeklyReviewSchedule).catchUp();

    const stored = await until(async () => {
      const weeks = await reviewRows(tenant);
      return weeks.length === expected.length ? weeks : undefined;
    }, 30_000);
    expect(stored).toEqual(expected);
  });

  it('should keep minutes and action items beside the frozen review and carry open actions to the next week', async () => {
    const tenant = await makeTenant(t.db);
    const director = await makeUser(t.db, tenant, ['compliance_director']);
    const officer = await makeUser(t.db, tenant, ['compliance_officer']);
    const executive = await makeUser(t.db, tenant, ['executive']);
    const outsider = await makeUser(t.db, await makeTenant(t.db), ['compliance_director']);
    const dc = await http.login(director.email, PASSWORD);
    const oc = await http.login(officer.email, PASSWORD);
    const ec = await http.login(executive.email, PASSWORD);
    const last = lastFinishedWeek(Date.now(), tenant.timezone);
    const before = addDays(last, -7);

    const first = await http.post('/api/v1/reports/weekly-reviews', { week_start: before }, { cookie: dc });
    expect(first.status, first.text).toBe(201);
    const open = await http.post(
      `/api/v1/reports/weekly-reviews/${first.body.id}/actions`,
      { title: 'Fix the CRM feed', owner_id: officer.id, due_date: '2027-01-15' },
      { cookie: oc },
    );
    expect(open.status, open.text).toBe(201);
    expect(open.body).toMatchObject({
      title: 'Fix the CRM feed',
      owner: { id: officer.id },
      due_date: '2027-01-15',
      done: false,
      carried_from: null,
    });
    const closed = await http.post(
      `/api/v1/reports/weekly-reviews/${first.body.id}/actions`,
      { title: 'Call the vendor' },
      { cookie: dc },
    );
    const done = await http.put(
      `/api/v1/reports/weekly-reviews/${first.body.id}/actions/${closed.body.id}`,
      { done: true },
      { cookie: dc },
    );
    expect(done.status, done.text).toBe(200);
    expect(done.body.done).toBe(true);

    const second = await http.post('/api/v1/reports/weekly-reviews', { week_start: last }, { cookie: dc });
    expect(second.status).toBe(201);
    const carried = await http.get(`/api/v1/reports/weekly-reviews/${second.body.id}/actions`, { cookie: ec });
    expect(carried.status).toBe(200);
    expect(carried.body.map((a: { id: string; carried_from: string | null }) => [a.id, a.carried_from])).toEqual([
      [open.body.id, before],
    ]);

    const minutes = await http.put(
      `/api/v1/reports/weekly-reviews/${second.body.id}/minutes`,
      { text: 'Discussed CEASE blocks.' },
      { cookie: oc },
    );
    expect(minutes.status, minutes.text).toBe(200);
    expect(minutes.body.minutes).toBe('Discussed CEASE blocks.');
    expect(minutes.body.sha256).toBe(second.body.sha256);
    expect(minutes.body.numbers).toEqual(second.body.numbers);
    const [snapshot] = await t.db.query(`SELECT numbers::text AS numbers FROM report_snapshot WHERE id = $1`, [
      second.body.id,
    ]);
    expect(snapshot.numbers).not.toContain('Discussed');

    expect(
      (await http.put(`/api/v1/reports/weekly-reviews/${second.body.id}/minutes`, { text: 'x' }, { cookie: ec }))
        .status,
    ).toBe(403);
    const tooLong = await http.put(
      `/api/v1/reports/weekly-reviews/${second.body.id}/minutes`,
      { text: 'x'.repeat(20_001) },
      { cookie: dc },
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.fields.text).toBeDefined();
    const unknownKey = await http.post(
      `/api/v1/reports/weekly-reviews/${second.body.id}/actions`,
      { title: 't', colour: 'red' },
      { cookie: dc },
    );
    expect(unknownKey.status).toBe(400);
    const foreignOwner = await http.post(
      `/api/v1/reports/weekly-reviews/${second.body.id}/actions`,
      { title: 't', owner_id: outsider.id },
      { cookie: dc },
    );
    expect(foreignOwner.status).toBe(400);
    expect(foreignOwner.body.fields.owner_id).toBeDefined();

    // Done after the second review was generated: still listed there (that is what it carried), and done.
    await http.put(
      `/api/v1/reports/weekly-reviews/${second.body.id}/actions/${open.body.id}`,
      { done: true },
      { cookie: oc },
    );
    const after = await http.get(`/api/v1/reports/weekly-reviews/${second.body.id}/actions`, { cookie: dc });
    expect(after.body.map((a: { id: string; done: boolean }) => [a.id, a.done])).toEqual([[open.body.id, true]]);

    const audit = await t.db.query(
      `SELECT entity_type, action FROM admin_audit_log WHERE tenant_id = $1 AND entity_type LIKE 'weekly_review%' ORDER BY id`,
      [tenant.id],
    );
    expect(audit.map((a: { entity_type: string }) => a.entity_type)).toEqual(
      expect.arrayContaining(['weekly_review', 'weekly_review_action', 'weekly_review_minutes']),
    );
  });

  it('should refuse an unfinished week, a day that is not a Monday and a caller who is not the Director, and answer 200 with the stored review', async () => {
    const tenant = await makeTenant(t.db);
    const director = await makeUser(t.db, tenant, ['compliance_director']);
    const officer = await makeUser(t.db, tenant, ['compliance_officer']);
    const dc = await http.login(director.email, PASSWORD);
    const thisWeek = addDays(lastFinishedWeek(Date.now(), tenant.timezone), 7);

    const unfinished = await http.post('/api/v1/reports/weekly-reviews', { week_start: thisWeek }, { cookie: dc });
    expect(unfinished.status).toBe(400);
    expect(unfinished.body.code).toBe('WEEK_NOT_FINISHED');
    expect(unfinished.body.fields.week_start).toBeDefined();
    const tuesday = await http.post(
      '/api/v1/reports/weekly-reviews',
      { week_start: addDays(thisWeek, -6) },
      { cookie: dc },
    );
    expect(tuesday.status).toBe(400);
    expect(tuesday.body.fields.week_start[0]).toMatch(/Monday/);
    expect((await http.post('/api/v1/reports/weekly-reviews', { week_start: 7 }, { cookie: dc })).status).toBe(400);
    expect(
      (await http.post('/api/v1/reports/weekly-reviews', {}, { cookie: await http.login(officer.email, PASSWORD) }))
        .status,
    ).toBe(403);

    const created = await http.post('/api/v1/reports/weekly-reviews', {}, { cookie: dc });
    expect(created.status).toBe(201);
    const again = await http.post(
      '/api/v1/reports/weekly-reviews',
      { week_start: created.body.week_start },
      { cookie: dc },
    );
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(created.body.id);
    const list = await http.get('/api/v1/reports/weekly-reviews', { cookie: dc });
    expect(list.headers.get('content-range')).toBe('weekly-reviews 0-0/1');
    expect(await reviewRows(tenant)).toEqual([created.body.week_start]);
  });
});
