import { addDays, HOUR_MS, lastFinishedWeek, localDate, localDayBounds } from '@floor-os/reports';
import { RULES } from '@floor-os/rules';
import { DataSource, EntityManager } from 'typeorm';
import { ulid } from '../gate/ulid';
import type { FoldService } from '../reports/fold.service';
import { DEMO_TENANT } from './seed-demo';

/**
 * Marks the decisions this seed writes (`principal_id`), so a second run sees its traffic and adds none:
 * the decision log is append-only, so the marker is the only idempotence check that needs no extra table.
 */
export const HISTORY_PRINCIPAL = 'demo-history';
/** Days of history before today (today's traffic up to the seed's start is added too). */
export const HISTORY_DAYS = 14;

/**
 * The demo's story over the two weeks (local dates, day 0 = 14 days ago): shadow from the start, a trial of
 * enforcement on days 8–10, then back to shadow pending the gap report's sign-off — so the tenant is in
 * shadow now (SPEC's demo seed), the last 72 hours are shadow decisions for the gap report, and the last 168
 * hours hold real blocks and one contact despite a block for the coverage page.
 */
const ENFORCE_DAYS: ReadonlySet<number> = new Set([8, 9, 10]);

const CHANNEL_WEIGHTS: readonly [Channel, number][] = [
  ['voice', 55],
  ['sms', 20],
  ['email', 15],
  ['payment', 10],
];
type Channel = 'voice' | 'sms' | 'email' | 'payment';

/** What the demo portfolio's accounts carry (seed-demo.ts: ACME-0001..0060, flags by `g % n`). */
function accountFacts(g: number) {
  return {
    bankruptcy: g % 17 === 0,
    attorney: g % 19 === 0,
    dispute: g % 23 === 0,
    cease: g % 29 === 0,
    deceased: g === 31,
    consent: g % 4 !== 0,
    massachusetts: g % 8 === 6,
    phone: `+1${['212', '312', '415', '713', '305', '206', '617', '404'][g % 8]}555${String(g % 10_000).padStart(4, '0')}`,
  };
}
const STATES = ['NY', 'IL', 'CA', 'TX', 'FL', 'WA', 'MA', 'GA'];
const ZIPS = ['10001', '60601', '94103', '77002', '33101', '98101', '02108', '30301'];
const ZONE_OF_STATE: Record<string, string> = {
  NY: 'America/New_York',
  FL: 'America/New_York',
  MA: 'America/New_York',
  GA: 'America/New_York',
  IL: 'America/Chicago',
  TX: 'America/Chicago',
  CA: 'America/Los_Angeles',
  WA: 'America/Los_Angeles',
};

/**
 * The facts a decision on account `g` read, as the gate stores them (null, false and empty left out), so each
 * seeded decision's page shows what the rules saw. The same portfolio as seed-demo.ts writes.
 */
function decisionFacts(g: number, channel: Channel, ceaseAt: number): Record<string, unknown> {
  const f = accountFacts(g);
  const state = STATES[g % 8]!;
  const facts: Record<string, unknown> = {
    account_id: acme(g),
    phone_number: f.phone,
    phone_type: g % 3 === 0 ? 'mobile' : 'landline',
    state,
    zip: ZIPS[g % 8],
    email: `consumer${g}@example.com`,
    ...(f.bankruptcy ? { bankruptcy_flag: true, bankruptcy_status: 'open' } : {}),
    ...(f.cease ? { cease_requested_at: ceaseAt } : {}),
    ...(f.attorney ? { attorney_represented: true } : {}),
    ...(f.dispute ? { dispute_open: true } : {}),
    ...(f.deceased ? { deceased: true } : {}),
    ...(f.consent ? { autodial_consent: true } : {}),
    candidate_zones: [ZONE_OF_STATE[state]],
  };
  if (channel === 'email' || channel === 'payment') delete facts.candidate_zones;
  return facts;
}

const FLAGGED = (g: number) => {
  const f = accountFacts(g);
  return f.bankruptcy || f.attorney || f.dispute || f.cease || f.deceased;
};

/** Messages like the engine's, for the rules this seed fires. */
const MESSAGES: Record<string, string> = {
  BANKRUPTCY: 'bankruptcy case open: collection contact is stayed',
  CEASE: 'the consumer asked the collector to cease communication',
  ATTORNEY: 'the consumer is represented by an attorney',
  DISPUTE: 'the debt is disputed and not yet verified',
  DECEASED: 'the consumer is deceased',
  REG_F_7IN7: '7 call attempts in the last 7 days',
  CALL_HOURS: "outside 8:00–21:00 in the consumer's time zone",
  TCPA_CONSENT: 'no prior express consent for an automated call or text to a mobile number',
  E_OPT_OUT: 'the consumer opted out of this electronic medium',
  WORK_EMAIL: 'the address is a work email the consumer has not approved',
  MA_2IN7: 'Massachusetts: 2 calls in the last 7 days',
};

/** A small, fixed pseudo-random generator (mulberry32): the same seed draws the same demo every time. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)]!;
    },
    weighted<T>(items: readonly (readonly [T, number])[]): T {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      let r = next() * total;
      for (const [item, w] of items) if ((r -= w) < 0) return item;
      return items[items.length - 1]![0];
    },
    /** A log-normal latency in ms around `median`, with a rare slow tail (a cold cache, a busy database). */
    latency(median: number) {
      const normal = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      const ms = median * Math.exp(0.45 * normal);
      return Math.round((next() < 0.012 ? ms + 25 + next() * 90 : ms) * 100) / 100;
    },
  };
}

interface Decision {
  auditId: string;
  at: number;
  channel: Channel;
  account: number;
  agent: string | null;
  mode: 'shadow' | 'enforce';
  blocks: string[];
  allowed: boolean;
  latency: number;
  automated: boolean;
}

export interface ReportHistoryResult {
  decisions: number;
  outcomes: number;
  skipped: boolean;
  /** The week (its Monday, tenant time) of the weekly review stored after the fold, when one was. */
  review_week?: string;
}

/** What the seed needs of the WeeklyReview service: store the review of a finished week (idempotent). */
export interface WeeklyReviews {
  generate(tenantId: string, week: string): Promise<{ id: string; created: boolean }>;
}

/**
 * Two weeks of realistic gate traffic and what followed it for `acme-collections` (issue 12 item 8), so every
 * report and chart has a shape: decisions on the four channels in business hours of the tenant's zone
 * (weekdays heavier, a few evenings and early or late calls that the calling-hours rule stops), shadow then a
 * few days of enforce, blocks and would-blocks by several statutes on the portfolio's flagged accounts, the
 * demo agent's and manager's calls; contact attempts with their outcomes (matched for almost every allowed
 * contact, a few ungated texts, one call despite a block), the webhook inbox and its hourly stats, disputes
 * (some resolved), sign-ins of the personas and audit drilldowns. Then one fold, so the rollups exist, and the
 * weekly review of the last finished week.
 *
 * Written directly as rows (not through the gate: the gate's clock is now and its history would block the
 * demo's own later checks). Idempotent: nothing is written when the tenant already has this seed's decisions.
 * Deterministic: a fixed pseudo-random seed, so the same day draws the same traffic.
 */
export async function seedReportHistory(
  db: DataSource,
  folds: FoldService,
  reviews?: WeeklyReviews,
  now = Date.now(),
): Promise<ReportHistoryResult> {
  const [tenant] = await db.query('SELECT id, timezone FROM tenant WHERE slug = $1', [DEMO_TENANT]);
  if (!tenant) throw new Error(`${DEMO_TENANT} is not seeded`);
  const [{ seeded }] = await db.query(
    `SELECT EXISTS (SELECT 1 FROM compliance_event_log WHERE tenant_id = $1 AND principal_id = $2) AS seeded`,
    [tenant.id, HISTORY_PRINCIPAL],
  );
  if (seeded) return { decisions: 0, outcomes: 0, skipped: true };

  const zone: string = tenant.timezone;
  const users: { id: string; email: string; personas: string[] }[] = await db.query(
    `SELECT id, email, personas FROM app_user WHERE tenant_id = $1 AND status = 'active'`,
    [tenant.id],
  );
  const userOf = (persona: string) => users.find((u) => u.personas.includes(persona));
  const manager = userOf('manager');
  const officer = userOf('compliance_officer');
  const director = userOf('compliance_director');
  const random = generator(20_261_012);
  const today = localDate(now, zone);
  const firstDay = addDays(today, -HISTORY_DAYS);

  // --- Decisions --------------------------------------------------------------------------------------------
  const decisions: Decision[] = [];
  const agents: readonly (readonly [string | null, number])[] = [
    ['AG-1001', 55],
    [manager?.id ?? 'AG-1001', 15],
    ['AG-2002', 30],
  ];
  const statuteOf = new Map(RULES.map((rule) => [rule.id as string, rule]));
  for (let day = 0; day <= HISTORY_DAYS; day++) {
    const date = addDays(firstDay, day);
    const { from } = localDayBounds(date, zone);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    const volume = weekday === 0 ? random.int(12, 24) : weekday === 6 ? random.int(45, 70) : random.int(200, 260);
    const mode = ENFORCE_DAYS.has(day) ? 'enforce' : 'shadow';
    for (let i = 0; i < volume; i++) {
      // Local time of day: mostly 8:00–18:00 with a late-morning and a mid-afternoon peak, some evenings,
      // and a few calls just before 8:00 or after 21:00 that the calling-hours rule stops.
      const slot = random.next();
      const hour =
        slot < 0.015
          ? 7
          : slot < 0.025
            ? 21
            : slot < 0.13
              ? random.int(18, 20)
              : random.weighted([
                  [8, 6],
                  [9, 10],
                  [10, 14],
                  [11, 13],
                  [12, 8],
                  [13, 10],
                  [14, 13],
                  [15, 12],
                  [16, 9],
                  [17, 5],
                ] as const);
      const at = from + hour * HOUR_MS + random.int(0, HOUR_MS - 1);
      if (at > now - 60_000) continue;
      const channel = random.weighted(CHANNEL_WEIGHTS);
      // Agents mostly work clean accounts; a flagged account comes up now and then (a stale placement file).
      let account = random.int(1, 60);
      while (FLAGGED(account) && !random.chance(0.25)) account = random.int(1, 60);
      if (channel === 'sms') while (!accountFacts(account).consent && !random.chance(0.15)) account = random.int(1, 60);
      const facts = accountFacts(account);
      const automated = channel === 'voice' && random.chance(0.6);
      const blocks: string[] = [];
      const fact = (id: string, holds: boolean) =>
        holds && statuteOf.get(id)!.channels.includes(channel) && blocks.push(id);
      fact('BANKRUPTCY', facts.bankruptcy);
      fact('CEASE', facts.cease);
      fact('ATTORNEY', facts.attorney);
      fact('DISPUTE', facts.dispute);
      fact('DECEASED', facts.deceased);
      if (channel === 'voice' && random.chance(0.035)) blocks.push('REG_F_7IN7');
      if ((hour === 7 || hour === 21) && channel !== 'payment') blocks.push('CALL_HOURS');
      if ((channel === 'sms' || automated) && !facts.consent) blocks.push('TCPA_CONSENT');
      if (channel === 'email' && random.chance(0.025)) blocks.push('WORK_EMAIL');
      if ((channel === 'email' || channel === 'sms') && random.chance(0.02)) blocks.push('E_OPT_OUT');
      if (channel === 'voice' && facts.massachusetts && random.chance(0.2)) blocks.push('MA_2IN7');
      // Catalogue order, as the engine reports them.
      blocks.sort((a, b) => RULES.findIndex((r) => r.id === a) - RULES.findIndex((r) => r.id === b));
      decisions.push({
        auditId: `ccs_${ulid(at)}`,
        at,
        channel,
        account,
        agent: channel === 'payment' && random.chance(0.5) ? null : random.weighted(agents),
        mode,
        blocks,
        allowed: mode === 'shadow' || blocks.length === 0,
        latency: random.latency(channel === 'voice' ? 4.2 : 3.4),
        automated,
      });
    }
  }
  decisions.sort((a, b) => a.at - b.at);

  // --- Outcomes: what the vendors reported back ---------------------------------------------------------------
  const VENDOR: Record<Channel, string> = { voice: 'five9', sms: 'twilio', email: 'generic', payment: 'generic' };
  const DISPOSITIONS: Record<Exclude<Channel, 'payment'>, readonly (readonly [string, number])[]> = {
    voice: [
      ['no_answer', 40],
      ['voicemail', 24],
      ['busy', 8],
      ['failed', 4],
      ['connected', 15],
      ['conversation', 9],
    ],
    sms: [
      ['connected', 95],
      ['failed', 5],
    ],
    email: [
      ['connected', 97],
      ['failed', 3],
    ],
  };
  const attempts: {
    account: number;
    at: number;
    channel: string;
    outcome: string;
    counted: boolean;
    auditId: string | null;
    source: string;
  }[] = [];
  const events: { at: number; channel: string; kind: string; auditId: string | null; decisionAt: number | null }[] = [];
  const deliveries: {
    vendor: string;
    eventId: string;
    at: number;
    status: string;
    error: string | null;
    auditId: string | null;
    body: string;
  }[] = [];
  // Event ids as each vendor writes them: a Five9 call id, a Twilio message SID, an id of the generic sender.
  let call = 0;
  const eventIdOf = (vendor: string, at: number) =>
    vendor === 'five9'
      ? String(300_000_000_000_000 + ++call * 1_000 + (at % 1_000))
      : vendor === 'twilio'
        ? `SM${Array.from({ length: 32 }, () => '0123456789abcdef'[random.int(0, 15)]).join('')}`
        : `EV${ulid(at)}`;
  const deliver = (channel: Channel, at: number, account: number, disposition: string, auditId: string | null) => {
    const eventId = eventIdOf(VENDOR[channel], at);
    const body = JSON.stringify({
      event_id: eventId,
      ...(auditId ? { audit_id: auditId } : {}),
      account_id: acme(account),
      channel,
      disposition,
      occurred_at: new Date(at).toISOString(),
    });
    deliveries.push({
      vendor: VENDOR[channel],
      eventId,
      at: at + random.int(400, 3_000),
      status: 'processed',
      error: null,
      auditId,
      body,
    });
  };
  for (const d of decisions) {
    if (!d.allowed || d.channel === 'payment') continue;
    const delay =
      d.channel === 'voice'
        ? random.int(30_000, 480_000)
        : d.channel === 'sms'
          ? random.int(4_000, 60_000)
          : random.int(60_000, 1_800_000);
    const at = d.at + delay;
    // Outcomes arrive for almost every contact; a handful of calls never report back, and the newest are pending.
    const reported = at < now - 60_000 && !(d.channel === 'voice' && random.chance(0.004));
    const disposition = reported ? random.weighted(DISPOSITIONS[d.channel]) : 'pending';
    attempts.push({
      account: d.account,
      at: d.at,
      channel: d.channel,
      outcome: disposition,
      counted: disposition !== 'busy' && disposition !== 'failed',
      auditId: d.auditId,
      source: 'gate',
    });
    if (!reported) continue;
    events.push({ at, channel: d.channel, kind: 'matched', auditId: d.auditId, decisionAt: d.at });
    deliver(d.channel, at, d.account, disposition, d.auditId);
  }
  // A few texts sent from the SMS platform directly, with no gate decision behind them (ungated contacts).
  for (const daysAgo of [6, 4, 3, 1]) {
    const { from } = localDayBounds(addDays(today, -daysAgo), zone);
    const at = from + random.int(13, 16) * HOUR_MS + random.int(0, HOUR_MS - 1);
    const account = random.int(1, 60);
    attempts.push({
      account,
      at,
      channel: 'sms',
      outcome: 'connected',
      counted: true,
      auditId: null,
      source: 'webhook',
    });
    events.push({ at, channel: 'sms', kind: 'ungated', auditId: null, decisionAt: null });
    deliver('sms', at, account, 'connected', null);
  }
  // One call placed although the gate (in enforce) answered no: a contact despite a block.
  const refused = decisions.find((d) => !d.allowed && d.channel === 'voice');
  if (refused) {
    const at = refused.at + 95_000;
    attempts.push({
      account: refused.account,
      at,
      channel: 'voice',
      outcome: 'conversation',
      counted: true,
      auditId: refused.auditId,
      source: 'webhook',
    });
    events.push({ at, channel: 'voice', kind: 'despite_block', auditId: refused.auditId, decisionAt: refused.at });
    deliver('voice', at, refused.account, 'conversation', refused.auditId);
  }
  // A few deliveries the processor could not apply (an account the tenant does not have).
  for (let i = 0; i < 6; i++) {
    const at = decisions[random.int(0, decisions.length - 1)]!.at + 120_000;
    const eventId = eventIdOf('five9', at);
    deliveries.push({
      vendor: 'five9',
      eventId,
      at,
      status: 'failed',
      error: 'unknown account: no account ACME-9xxx in this tenant',
      auditId: null,
      body: JSON.stringify({
        event_id: eventId,
        account_id: `ACME-9${String(i).padStart(3, '0')}`,
        channel: 'voice',
        disposition: 'no_answer',
        occurred_at: new Date(at).toISOString(),
      }),
    });
  }

  await db.transaction(async (manager) => {
    await manager.query('SELECT ensure_event_log_partitions(1, 3)');
    for (let i = 0; i < decisions.length; i += 1_000)
      await insertDecisions(manager, tenant.id, decisions.slice(i, i + 1_000), now);
    await manager.query(
      `INSERT INTO contact_attempt (tenant_id, account_id, at, channel, outcome, counted, audit_id, source, created_at)
       SELECT $1, a, to_timestamp(t / 1000.0), c, o, k, au, s, to_timestamp(t / 1000.0)
         FROM unnest($2::text[], $3::float8[], $4::text[], $5::text[], $6::bool[], $7::text[], $8::text[]) AS x(a, t, c, o, k, au, s)`,
      [
        tenant.id,
        attempts.map((a) => acme(a.account)),
        attempts.map((a) => a.at),
        attempts.map((a) => a.channel),
        attempts.map((a) => a.outcome),
        attempts.map((a) => a.counted),
        attempts.map((a) => a.auditId),
        attempts.map((a) => a.source),
      ],
    );
    await manager.query(
      `INSERT INTO report_outcome_event (tenant_id, at, channel, kind, audit_id, decision_at)
       SELECT $1, to_timestamp(t / 1000.0), c, k, au, to_timestamp(d / 1000.0)
         FROM unnest($2::float8[], $3::text[], $4::text[], $5::text[], $6::float8[]) AS x(t, c, k, au, d)`,
      [
        tenant.id,
        events.map((e) => e.at),
        events.map((e) => e.channel),
        events.map((e) => e.kind),
        events.map((e) => e.auditId),
        events.map((e) => e.decisionAt),
      ],
    );
    await manager.query(
      `INSERT INTO webhook_delivery (tenant_id, vendor, event_id, raw_body, headers, received_at, status, attempts, last_error, processed_at, audit_id)
       SELECT $1, v, e, b, '{"content-type":"application/json"}'::jsonb, to_timestamp(t / 1000.0), s, CASE WHEN s = 'failed' THEN 5 ELSE 1 END, er,
              CASE WHEN s = 'processed' THEN to_timestamp(t / 1000.0) + interval '1 second' END, au
         FROM unnest($2::text[], $3::text[], $4::text[], $5::float8[], $6::text[], $7::text[], $8::text[]) AS x(v, e, b, t, s, er, au)
       ON CONFLICT DO NOTHING`,
      [
        tenant.id,
        deliveries.map((d) => d.vendor),
        deliveries.map((d) => d.eventId),
        deliveries.map((d) => d.body),
        deliveries.map((d) => d.at),
        deliveries.map((d) => d.status),
        deliveries.map((d) => d.error),
        deliveries.map((d) => d.auditId),
      ],
    );
    await seedWebhookStats(manager, tenant.id, deliveries, random);
    await seedDisputes(
      manager,
      tenant.id,
      decisions,
      { officer, director, manager: userOf('manager'), agent: userOf('agent'), it: userOf('it') },
      random,
      now,
    );
    await seedSignIns(manager, tenant.id, users, firstDay, today, zone, random, now);
    await seedDrilldowns(
      manager,
      tenant.id,
      decisions,
      [officer, director, userOf('manager')].filter((u) => u !== undefined),
      random,
      now,
    );
    // The tenant's usage readout runs "since the tenant's start": the demo tenant started with its history.
    const started = localDayBounds(addDays(firstDay, -3), zone).from;
    await manager.query(`UPDATE tenant SET created_at = least(created_at, $2::timestamptz) WHERE id = $1`, [
      tenant.id,
      new Date(started),
    ]);
    // Its people were set up that first morning (from 9:20, a few minutes apart), not when the seed ran: the
    // users list and the admin audit log say so.
    await manager.query(
      `WITH set_up AS (
         SELECT u.id, $2::timestamptz + interval '9 hours 20 minutes' + (row_number() OVER (ORDER BY u.created_at, u.email) - 1) * interval '6 minutes 40 seconds' AS at
           FROM app_user u WHERE u.tenant_id = $1 AND u.id = ANY($3::uuid[]) AND u.created_at > $2::timestamptz
       ), users AS (
         UPDATE app_user u SET created_at = s.at, updated_at = greatest(u.updated_at, s.at) FROM set_up s WHERE u.id = s.id RETURNING u.id, s.at
       )
       UPDATE admin_audit_log a SET created_at = users.at FROM users
        WHERE a.tenant_id = $1 AND a.entity_type = 'user' AND a.action = 'create' AND a.entity_id = users.id::text AND a.actor_label = 'seed-demo'`,
      [tenant.id, new Date(started), users.map((u) => u.id)],
    );
    // Their last sign-in is the latest of the sign-ins seeded above.
    await manager.query(
      `UPDATE app_user u SET last_login_at = s.at FROM (SELECT user_id, max(at) AS at FROM sign_in_event WHERE tenant_id = $1 GROUP BY user_id) s
        WHERE u.id = s.user_id AND (u.last_login_at IS NULL OR u.last_login_at < s.at)`,
      [tenant.id],
    );
    await manager.query(
      `UPDATE admin_audit_log SET created_at = $2::timestamptz + interval '9 hours'
        WHERE tenant_id = $1 AND entity_type = 'tenant' AND action = 'create' AND entity_id = $1::text AND actor_label = 'seed-demo'`,
      [tenant.id, new Date(started)],
    );
  });
  await folds.fold();
  // The review of the last finished week, stored like the Monday job stores it (the worker's catch-up may
  // store the same week at the same time: one of them wins, decided detail 26).
  const week = lastFinishedWeek(now, zone);
  if (reviews) await reviews.generate(tenant.id, week);
  return {
    decisions: decisions.length,
    outcomes: events.length,
    skipped: false,
    ...(reviews ? { review_week: week } : {}),
  };
}

const acme = (account: number) => `ACME-${String(account).padStart(4, '0')}`;

async function insertDecisions(manager: EntityManager, tenantId: string, rows: Decision[], now: number): Promise<void> {
  // seed-demo.ts records the cease 20 days before it runs.
  const ceaseAt = now - 20 * 24 * HOUR_MS;
  const rule = new Map(RULES.map((r) => [r.id as string, r]));
  const findings = rows.map((d) =>
    JSON.stringify(
      d.blocks.map((id) => ({
        rule_id: id,
        severity: 'block',
        statute: rule.get(id)!.statute,
        message: MESSAGES[id] ?? rule.get(id)!.reason,
        time_based: rule.get(id)!.time_based,
      })),
    ),
  );
  await manager.query(
    `INSERT INTO compliance_event_log (audit_id, created_at, tenant_id, account_id, channel, dial_mode, agent_id, phone_number, allowed, would_block,
        mode, rule_ids, statutes, findings, facts, next_allowed_at, expires_at, latency_ms, source, principal_id, is_test)
     SELECT x.audit_id, to_timestamp(x.t / 1000.0), $1, x.account_id, x.channel, x.dial_mode, x.agent_id, x.phone, x.allowed, x.would_block,
            x.mode, ARRAY(SELECT jsonb_array_elements(x.f::jsonb)->>'rule_id'), ARRAY(SELECT DISTINCT jsonb_array_elements(x.f::jsonb)->>'statute'),
            x.f::jsonb, x.facts::jsonb, NULL, to_timestamp(x.t / 1000.0) + interval '5 minutes', x.latency, 'api', $14, false
       FROM unnest($2::text[], $3::float8[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bool[], $10::bool[], $11::text[], $12::text[], $13::real[], $15::text[])
            AS x(audit_id, t, account_id, channel, dial_mode, agent_id, phone, allowed, would_block, mode, f, latency, facts)`,
    [
      tenantId,
      rows.map((d) => d.auditId),
      rows.map((d) => d.at),
      rows.map((d) => acme(d.account)),
      rows.map((d) => d.channel),
      rows.map((d) => (d.channel === 'voice' ? (d.automated ? 'automated' : 'manual') : 'manual')),
      rows.map((d) => d.agent),
      rows.map((d) => (d.channel === 'voice' || d.channel === 'sms' ? accountFacts(d.account).phone : null)),
      rows.map((d) => d.allowed),
      rows.map((d) => d.blocks.length > 0),
      rows.map((d) => d.mode),
      findings,
      rows.map((d) => d.latency),
      HISTORY_PRINCIPAL,
      rows.map((d) => JSON.stringify(decisionFacts(d.account, d.channel, ceaseAt))),
    ],
  );
}

type Random = ReturnType<typeof generator>;

/** Hourly webhook stats: duplicate deliveries (dialers retry) and a few refused forgeries from scanners. */
async function seedWebhookStats(
  manager: EntityManager,
  tenantId: string,
  deliveries: { vendor: string; at: number }[],
  random: Random,
): Promise<void> {
  const rows = new Map<string, number>();
  const add = (vendor: string, hour: number, kind: string, reason: string, count: number) => {
    const key = `${vendor}|${hour}|${kind}|${reason}`;
    rows.set(key, (rows.get(key) ?? 0) + count);
  };
  for (const d of deliveries) {
    const hour = Math.floor(d.at / HOUR_MS) * HOUR_MS;
    if (random.chance(0.03)) add(d.vendor, hour, 'duplicate', 'event_id', 1);
    if (random.chance(0.004)) {
      const reason = random.pick(['mismatch', 'stale', 'missing']);
      add(d.vendor, hour, 'refused', reason, 1);
      add(d.vendor, hour, 'refused_from', `203.0.113.${random.int(2, 40)}`, 1);
    }
  }
  const entries = [...rows.entries()].map(
    ([key, count]) => [...key.split('|'), count] as [string, string, string, string, number],
  );
  await manager.query(
    `INSERT INTO webhook_stat (tenant_id, vendor, hour, kind, reason, count)
     SELECT $1, v, to_timestamp(h::float8 / 1000.0), k, r, c FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[]) AS x(v, h, k, r, c)
     ON CONFLICT (tenant_id, vendor, hour, kind, reason) DO UPDATE SET count = webhook_stat.count + EXCLUDED.count`,
    [
      tenantId,
      entries.map((e) => e[0]),
      entries.map((e) => e[1]),
      entries.map((e) => e[2]),
      entries.map((e) => e[3]),
      entries.map((e) => e[4]),
    ],
  );
}

type Person = { id: string; email: string } | undefined;

/** Disputes on blocked and would-block decisions: agents disagree, the officer answers; some still open. */
async function seedDisputes(
  manager: EntityManager,
  tenantId: string,
  decisions: Decision[],
  people: { officer: Person; director: Person; manager: Person; agent: Person; it: Person },
  random: Random,
  now: number,
): Promise<void> {
  const blocked = decisions.filter((d) => d.blocks.length > 0);
  // Each note is about a decision its words fit: the rule it names (and the channel, where it says one).
  const notes: [string, string, string | null, string, string, Channel?][] = [
    [
      'disagree',
      'The consumer called us back and asked for a call today; this should not block.',
      null,
      'Inbound request noted; the 7-in-7 cap still applies to outbound calls. Block stands.',
      'REG_F_7IN7',
    ],
    [
      'data-quality',
      'Bankruptcy flag is from an old placement file; the case was dismissed last year.',
      'it',
      'Placement file corrected; the flag was cleared by the next import.',
      'BANKRUPTCY',
    ],
    [
      'disagree',
      'Customer gave consent on the recorded call of the 3rd.',
      null,
      'Consent recording found and attached; account updated.',
      'TCPA_CONSENT',
    ],
    [
      'other',
      'Was this blocked because of the Massachusetts rule? The agent was not sure.',
      null,
      'Yes — 2 calls in 7 days in MA. Explained in the team huddle.',
      'MA_2IN7',
    ],
    [
      'data-quality',
      'The phone number belongs to a different person (wrong party).',
      'it',
      'Number removed from the account.',
      'TCPA_CONSENT',
      'voice',
    ],
    [
      'disagree',
      'The attorney withdrew; we have the letter.',
      null,
      'Letter verified; attorney flag removed.',
      'ATTORNEY',
    ],
    [
      'other',
      'Called at 7:55 by the dialer; the time zone of this number looks wrong.',
      'it',
      'Area code maps to Central time; dialer campaign time zone fixed.',
      'CALL_HOURS',
      'voice',
    ],
    [
      'disagree',
      'The consumer asked to be emailed at work.',
      null,
      'Approval of the work address recorded.',
      'WORK_EMAIL',
    ],
    [
      'data-quality',
      'Duplicate account: ACME-0034 and another record share this number.',
      'it',
      'Accounts merged.',
      'TCPA_CONSENT',
      'sms',
    ],
    [
      'disagree',
      'Dispute was resolved by mail last week.',
      null,
      'Verification letter sent; dispute closed.',
      'DISPUTE',
    ],
    [
      'other',
      'Why did the gate block an email for this account?',
      null,
      'E-mail opt-out received through the payment portal.',
      'E_OPT_OUT',
      'email',
    ],
    [
      'disagree',
      'Consumer says they never asked us to stop calling.',
      null,
      'Cease letter on file, dated and signed. Block stands.',
      'CEASE',
      'voice',
    ],
  ];
  const rows: unknown[][] = [];
  for (const [index, [category, note, routedTo, resolution, rule, channel]] of notes.entries()) {
    const fitting = blocked.filter(
      (decision) => decision.blocks.includes(rule) && (!channel || decision.channel === channel),
    );
    const candidates = fitting.length > 0 ? fitting : blocked;
    // Spread over the two weeks in the notes' order (the older ones get resolved).
    const d = candidates[Math.floor(((index + 0.5) / notes.length) * candidates.length)];
    if (!d) continue;
    const author = index % 3 === 2 ? people.manager : people.agent;
    if (!author) continue;
    const createdAt = d.at + random.int(10, 300) * 60_000;
    // The older ones are resolved (by the officer or, for data fixes, IT); the newest are still open.
    const resolved = index < 8 && createdAt < now - 6 * HOUR_MS;
    const resolver = routedTo === 'it' ? people.it : index % 2 ? people.director : people.officer;
    const resolvedAt = resolved ? Math.min(now - HOUR_MS, createdAt + random.int(2, 40) * HOUR_MS) : null;
    rows.push([
      d.auditId,
      category,
      note,
      routedTo,
      resolved ? 'resolved' : 'open',
      resolved ? resolution : null,
      author.id,
      author.email,
      resolved ? (resolver?.id ?? null) : null,
      resolvedAt,
      createdAt,
    ]);
  }
  const col = (i: number) => rows.map((r) => r[i]);
  await manager.query(
    `INSERT INTO decision_annotation (tenant_id, audit_id, category, note, routed_to, status, resolution, created_by_id, created_by_email, resolved_by_id, resolved_at, created_at, updated_at)
     SELECT $1, a, c, n, r, s, res, cb::uuid, ce, rb::uuid, to_timestamp(ra / 1000.0), to_timestamp(ca / 1000.0), to_timestamp(coalesce(ra, ca) / 1000.0)
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::float8[], $12::float8[])
            AS x(a, c, n, r, s, res, cb, ce, rb, ra, ca)`,
    [tenantId, ...Array.from({ length: 11 }, (_, i) => col(i))],
  );
}

/** How often each persona signs in on a working day (the usage readout counts active users, decided detail 35). */
const SIGN_IN_ODDS: Record<string, number> = {
  compliance_officer: 0.95,
  compliance_director: 0.8,
  manager: 0.9,
  agent: 0.97,
  executive: 0.4,
  it: 0.45,
  tenant_admin: 0.3,
  hr: 0.15,
};

async function seedSignIns(
  manager: EntityManager,
  tenantId: string,
  users: { id: string; personas: string[] }[],
  firstDay: string,
  today: string,
  zone: string,
  random: Random,
  now: number,
): Promise<void> {
  const rows: [string, number][] = [];
  for (let date = firstDay; date <= today; date = addDays(date, 1)) {
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    const { from } = localDayBounds(date, zone);
    for (const user of users) {
      const odds = SIGN_IN_ODDS[user.personas[0] ?? ''] ?? 0;
      if (!random.chance(weekday === 0 || weekday === 6 ? odds / 8 : odds)) continue;
      const at = from + 8 * HOUR_MS + random.int(0, 90) * 60_000;
      if (at < now) rows.push([user.id, at]);
    }
  }
  await manager.query(
    `INSERT INTO sign_in_event (tenant_id, user_id, at, method) SELECT $1, u::uuid, to_timestamp(t / 1000.0), 'password' FROM unnest($2::text[], $3::float8[]) AS x(u, t)`,
    [tenantId, rows.map((r) => r[0]), rows.map((r) => r[1])],
  );
}

/** The officer, the director and the manager open blocked decisions to see why (SPEC A3's drilldowns). */
async function seedDrilldowns(
  manager: EntityManager,
  tenantId: string,
  decisions: Decision[],
  readers: { id: string }[],
  random: Random,
  now: number,
): Promise<void> {
  if (readers.length === 0) return;
  const rows: [string, string, number][] = [];
  for (const d of decisions) {
    if (d.blocks.length === 0 || !random.chance(0.22)) continue;
    const at = Math.min(now - 60_000, d.at + random.int(5, 600) * 60_000);
    rows.push([random.pick(readers).id, d.auditId, at]);
  }
  await manager.query(
    `INSERT INTO audit_drilldown (tenant_id, user_id, audit_id, at) SELECT $1, u::uuid, a, to_timestamp(t / 1000.0) FROM unnest($2::text[], $3::text[], $4::float8[]) AS x(u, a, t)`,
    [tenantId, rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
  );
}
