import { BadRequestException, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import {
  AccountRow,
  ACCOUNT_NOT_FOUND,
  assertZoneTables,
  buildDecision,
  Channel,
  decide,
  DecisionRecord,
  DialMode,
  factsFromRow,
  Finding,
  GATE_UNAVAILABLE,
  historyFromRows,
  InitiatedBy,
  RuleSettings,
} from '@floor-os/rules';
import type { ContactCheckAnswer, GateReason as Reason } from '@floor-os/contracts';
import { toE164 } from '@floor-os/formats';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { escapeLiteral, PoolClient, QueryResult } from 'pg';
import { APP_CONFIG, AppConfig } from '../config/config';
import { MetricsService } from '../metrics/metrics.service';
import { GatePool } from './gate.pool';
import { GateSpool } from './gate-spool';
import { ulid } from './ulid';
import { TenantGateSettings, TenantSettingsCache } from './tenant-settings.cache';
import { loggableError } from '../common/loggable-error';

export interface CheckInput {
  tenantId: string;
  accountId: string;
  channel: Channel;
  dialMode: DialMode;
  /** SPEC G10: `consumer` for an inbound call or a payment the consumer starts (the caller checked the channel); default collector. */
  initiatedBy?: InitiatedBy;
  agentId: string | null;
  /** E.164 or something libphonenumber can read as a US number; null → the account's own. */
  phoneNumber: string | null;
  source: 'api' | 'panel';
  principalId: string;
}

/** The gate's answer (SPEC G1): the wire type in libs/contracts. */
export type { ContactCheckAnswer, Reason };

/** Rolling windows are 168 h; an hour more covers the post-conversation pause's edge. */
const HISTORY_MS = 169 * 3_600_000;

interface InFlight {
  abandoned: boolean;
}

interface GateRead {
  account: AccountRow | null;
  /** `[ms, channel, outcome]`; a fourth element `false` marks a conversation on an attempt that counts toward no cap. */
  history: [number, Channel, never, false?][];
  suppressed_phone: boolean;
  suppressed_email: boolean;
}

interface PendingCheck {
  input: CheckInput;
  auditId: string;
  now: number;
  started: number;
  inFlight: InFlight;
  settings: TenantGateSettings;
  resolve(answer: ContactCheckAnswer): void;
  reject(error: unknown): void;
}

/**
 * The facts a decision used, as stored with it: facts that are null, false or empty are left out (absent
 * reads as "not on file"), which keeps each decision row small on the hot path. Times are epoch ms.
 */
export function compactFacts(facts: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(facts)) {
    if (value === null || value === false || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = value;
  }
  return out;
}

type CallWindow = { start_hour: number; end_hour: number };

/** The consumer's convenient hours narrow the tenant's calling window (never widen it). */
export function withAccountWindow(settings: RuleSettings, window: CallWindow | null | undefined): RuleSettings {
  if (!window) return settings;
  const tenant = settings.call_window ?? { start_hour: 8, end_hour: 21 };
  const start = Math.max(tenant.start_hour, window.start_hour);
  const end = Math.min(tenant.end_hour, window.end_hour);
  // Windows that do not overlap: the consumer's statement (12 CFR 1006.6(b)(1)) wins over the tenant's policy.
  return { ...settings, call_window: start < end ? { start_hour: start, end_hour: end } : { ...window } };
}

/** At most this many checks share one transaction. */
const MAX_BATCH = 64;

/** The advisory-lock key of an account: 64 bits of SHA-256 of `tenant/account`, as a signed bigint literal. */
export function lockKey(tenantId: string, accountId: string): string {
  return createHash('sha256').update(`${tenantId}/${accountId}`).digest().readBigInt64BE(0).toString();
}

/** The attempts of the history read that count toward the caps (a fourth element `false` marks one that does not). */
function countedAttempts(history: readonly [number, Channel, never, false?][]): number {
  let n = 0;
  for (const row of history) if (row[3] !== false) n++;
  return n;
}

const lit = (value: string | null): string => (value === null ? 'NULL' : escapeLiteral(value));

/**
 * The compliance gate's hot path (SPEC G1–G8).
 *
 * A check is two round trips on the gate's own pool, each a simple-protocol batch, shared by the checks
 * that arrive together (see `pump`):
 *   1. `BEGIN; SELECT pg_advisory_xact_lock(<tenant/account>); …; SELECT gate_read(...); …` — each lock is
 *      its own statement, so the reads that follow take a fresh snapshot and see the attempt the previous
 *      holder just committed (a single statement that locks and counts would not: the cap would leak).
 *   2. `SELECT gate_write(<decision>); …; COMMIT` — the decision rows and, when an answer lets the dialer
 *      contact, its pending attempt; answers leave only after COMMIT (G3, G4).
 * Any error, or the budget running out, answers `GATE_UNAVAILABLE` — `allowed=false` in enforce, `true` in
 * shadow (decided detail 3) — and spools that decision to a local file until the database is back (detail 4).
 */
@Injectable()
export class GateService implements OnModuleInit {
  private readonly logger = new Logger(GateService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly gatePool: GatePool,
    private readonly settings: TenantSettingsCache,
    private readonly spool: GateSpool,
    private readonly metrics: MetricsService,
  ) {}

  /** docs/rules.md: every zone the tables can produce is checked when the process starts; a bad one stops it. */
  onModuleInit(): void {
    assertZoneTables();
  }

  newAuditId(now = Date.now()): string {
    return `ccs_${ulid(now)}`;
  }

  /** Normalises a phone number to E.164 (US by default); a bad one is a field error. */
  normalisePhone(value: string | undefined | null, field = 'phone_number'): string | null {
    if (value === undefined || value === null || value === '') return null;
    const phone = toE164(value);
    if (!phone) {
      throw new BadRequestException({
        message: 'Validation failed',
        code: 'VALIDATION_FAILED',
        fields: { [field]: [`${field} is not a valid phone number`] },
      });
    }
    return phone;
  }

  async check(input: CheckInput): Promise<ContactCheckAnswer> {
    const started = performance.now();
    const now = Date.now();
    const auditId = this.newAuditId(now);
    const inFlight: InFlight = { abandoned: false };
    const work = this.decideAndRecord(input, auditId, now, started, inFlight);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.config.gateBudgetMs);
    });
    const outcome = await Promise.race([
      work.then(
        (answer) => ({ answer }),
        (error: unknown) => ({ error }),
      ),
      timeout,
    ]);
    clearTimeout(timer);
    if (outcome !== 'timeout' && 'answer' in outcome) {
      const label = outcome.answer.allowed ? (outcome.answer.would_block ? 'would_block' : 'allowed') : 'blocked';
      this.metrics.gateDecisions.labels(input.channel, outcome.answer.mode, label).inc();
      this.metrics.gateLatency.labels(label).observe((performance.now() - started) / 1000);
      return outcome.answer;
    }
    inFlight.abandoned = true;
    work.catch(() => undefined);
    const cause = outcome === 'timeout' ? 'timeout' : 'error';
    if (cause === 'error')
      this.logger.warn(
        { error: loggableError((outcome as { error: unknown }).error), audit_id: auditId },
        'gate fails closed',
      );
    else
      this.logger.warn(
        { audit_id: auditId, budget_ms: this.config.gateBudgetMs },
        'gate fails closed: budget exceeded',
      );
    return this.failClosed(input, auditId, cause, started);
  }

  private async decideAndRecord(
    input: CheckInput,
    auditId: string,
    now: number,
    started: number,
    inFlight: InFlight,
  ): Promise<ContactCheckAnswer> {
    const settings = await this.settings.get(input.tenantId, now);
    if (!settings) throw new Error(`tenant ${input.tenantId} not found`);
    return new Promise<ContactCheckAnswer>((resolve, reject) => {
      this.queue.push({ input, auditId, now, started, inFlight, settings, resolve, reject });
      this.pump();
    });
  }

  private readonly queue: PendingCheck[] = [];
  private batchesInFlight = 0;

  /**
   * Checks that arrive while earlier ones are in the database travel together: one transaction, two
   * round trips and one commit (one fsync) for the whole batch. A lone check is sent at once, so batching
   * adds no wait; under load batches grow, which is what keeps up with the commit rate of the disk.
   */
  private pump(): void {
    while (this.queue.length > 0 && this.batchesInFlight < this.config.gateMaxBatches) {
      const batch = this.queue.splice(0, MAX_BATCH).filter((check) => !check.inFlight.abandoned);
      if (batch.length === 0) continue;
      this.batchesInFlight++;
      void this.runBatch(batch).finally(() => {
        this.batchesInFlight--;
        this.pump();
      });
    }
  }

  private async runBatch(batch: PendingCheck[]): Promise<void> {
    let client: PoolClient | undefined;
    try {
      client = await this.gatePool.pool.connect();
      this.watch(client);
      const live = batch.filter((check) => !check.inFlight.abandoned);
      if (live.length === 0) {
        client.release();
        return;
      }
      const oldest = Math.min(...live.map((check) => check.now));
      const since = new Date(oldest - HISTORY_MS).toISOString();
      // Locks in key order, so two batches never wait on each other in a cycle; each in its own statement
      // before the reads, so every read takes a fresh snapshot that sees the previous holder's commit.
      const keys = [...new Set(live.map((check) => lockKey(check.input.tenantId, check.input.accountId)))].sort(
        (a, b) => (BigInt(a) < BigInt(b) ? -1 : 1),
      );
      const reads = [
        ...new Map(
          live.map((check) => [
            `${check.input.tenantId}/${check.input.accountId}/${check.input.phoneNumber ?? ''}`,
            check,
          ]),
        ).values(),
      ];
      const arrayOf = (values: (string | null)[]) => `ARRAY[${values.map(lit).join(',')}]`;
      const sql =
        `BEGIN; SET LOCAL lock_timeout = ${this.config.gateBudgetMs}; ` +
        keys.map((key) => `SELECT pg_advisory_xact_lock(${key}); `).join('') +
        `SELECT gate_read_many(${arrayOf(reads.map((c) => c.input.tenantId))}::uuid[], ${arrayOf(reads.map((c) => c.input.accountId))}::text[], ` +
        `${arrayOf(reads.map((c) => c.input.phoneNumber))}::text[], ${lit(since)}::timestamptz) AS r`;
      const results = (await client.query(sql)) as unknown as QueryResult[];
      const readRows = results[2 + keys.length].rows[0].r as GateRead[];
      const readOf = new Map<string, GateRead>();
      reads.forEach((check, i) =>
        readOf.set(`${check.input.tenantId}/${check.input.accountId}/${check.input.phoneNumber ?? ''}`, readRows[i]),
      );

      // Decide in arrival order; a check sees the attempts of earlier checks of the same account in this batch.
      const extra = new Map<string, [number, Channel, never, false?][]>();
      const decided: { check: PendingCheck; answer: ContactCheckAnswer; payload: DecisionRecord }[] = [];
      for (const check of live) {
        if (check.inFlight.abandoned) continue;
        const accountKey = `${check.input.tenantId}/${check.input.accountId}`;
        const base = readOf.get(`${accountKey}/${check.input.phoneNumber ?? ''}`)!;
        const earlier = extra.get(accountKey) ?? [];
        const read = earlier.length ? { ...base, history: [...base.history, ...earlier] } : base;
        const { answer, record } = this.decide(check.input, check.settings, read, check.auditId, check.now);
        // An inbound call's attempt counts toward no cap: later checks of the batch do not see it.
        if (record.attempt && record.initiated_by !== 'consumer')
          extra.set(accountKey, [...earlier, [check.now, check.input.channel, 'pending' as never]]);
        record.latency_ms = performance.now() - check.started;
        decided.push({ check, answer, payload: record });
      }
      // Past the earliest deadline gate_write raises and the whole batch rolls back: no commit lands after
      // any of its callers has been told "no".
      const deadline =
        Math.min(...decided.map((d) => d.check.now)) +
        this.config.gateBudgetMs -
        Math.min(25, this.config.gateBudgetMs / 5);
      const payloads = decided.map((d, i) =>
        i === 0 ? { ...d.payload, deadline: new Date(deadline).toISOString() } : d.payload,
      );
      await client.query(`SELECT gate_write_many(${escapeLiteral(JSON.stringify(payloads))}::jsonb); COMMIT`);
      client.release();
      for (const d of decided) d.check.resolve(d.answer);
      for (const check of live)
        if (check.inFlight.abandoned && !decided.some((d) => d.check === check)) check.reject(new Error('abandoned'));
    } catch (error) {
      if (client) await this.discard(client);
      for (const check of batch) check.reject(error);
    }
  }

  private decide(
    input: CheckInput,
    settings: TenantGateSettings,
    read: GateRead,
    auditId: string,
    now: number,
  ): { answer: ContactCheckAnswer; record: DecisionRecord } {
    const facts = read.account ? factsFromRow(read.account) : null;
    const initiatedBy = input.initiatedBy ?? 'collector';
    let findings: Finding[];
    let statutes: string[];
    let nextAllowedAt: number | null = null;
    let candidateZones: string[] = [];
    if (facts) {
      const decision = decide(
        facts,
        historyFromRows(read.history),
        {
          channel: input.channel,
          dial_mode: input.dialMode,
          phone_number: input.phoneNumber,
          email: null,
          initiated_by: initiatedBy,
        },
        now,
        withAccountWindow(settings.ruleSettings, read.account?.call_window as CallWindow | null | undefined),
        {
          suppressed_phone: read.suppressed_phone,
          suppressed_email: read.suppressed_email,
          collector_kind: settings.collectorKind,
        },
      );
      findings = decision.findings;
      statutes = decision.statutes;
      nextAllowedAt = decision.next_allowed_at;
      candidateZones = decision.candidate_zones;
    } else {
      // The dialer must not dial an account the gate does not know (a blocked decision, not a 404).
      findings = [ACCOUNT_NOT_FOUND];
      statutes = [ACCOUNT_NOT_FOUND.statute];
    }
    return buildDecision(input, {
      auditId,
      now,
      ttlMs: this.config.gateDecisionTtlSeconds * 1000,
      mode: settings.mode,
      findings,
      statutes,
      nextAllowedAt,
      facts: facts
        ? compactFacts({
            ...facts,
            candidate_zones: candidateZones,
            attempts_in_window: countedAttempts(read.history),
            suppressed_phone: read.suppressed_phone,
            suppressed_email: read.suppressed_email,
          })
        : null,
      phoneNumber: input.phoneNumber ?? facts?.phone_number ?? null,
      isTest: facts?.is_test ?? false,
      source: input.source,
    });
  }

  /** GATE_UNAVAILABLE: fast, with an audit id, spooled until the database records it. */
  private failClosed(
    input: CheckInput,
    supersededAuditId: string,
    cause: 'timeout' | 'error',
    started: number,
  ): ContactCheckAnswer {
    const now = Date.now();
    const known = this.settings.last(input.tenantId);
    // Unknown mode → treated as enforce: fail closed.
    const mode = known?.mode ?? 'enforce';
    const { answer, record } = buildDecision(input, {
      auditId: this.newAuditId(now),
      now,
      ttlMs: this.config.gateDecisionTtlSeconds * 1000,
      mode,
      findings: [GATE_UNAVAILABLE],
      statutes: [GATE_UNAVAILABLE.statute],
      nextAllowedAt: null,
      facts: { cause, superseded_audit_id: supersededAuditId, mode_known: known !== undefined },
      phoneNumber: input.phoneNumber,
      isTest: false,
      source: 'spool',
    });
    record.latency_ms = performance.now() - started;
    this.spool.append({ superseded_audit_id: supersededAuditId, payload: record });
    this.metrics.gateUnavailable.labels(cause).inc();
    this.metrics.gateDecisions.labels(input.channel, mode, 'unavailable').inc();
    this.metrics.gateLatency.labels('unavailable').observe((performance.now() - started) / 1000);
    return answer;
  }

  private readonly watched = new WeakSet<PoolClient>();

  /** A checked-out connection that dies emits 'error'; its query fails on its own, so only note it. */
  private watch(client: PoolClient): void {
    if (this.watched.has(client)) return;
    this.watched.add(client);
    client.on('error', (err) => this.logger.warn({ error: loggableError(err) }, 'gate connection lost'));
  }

  /** Rolls back and drops a connection whose state is unknown. */
  private async discard(client: PoolClient): Promise<void> {
    try {
      await client.query('ROLLBACK');
      client.release();
    } catch {
      client.release(true);
    }
  }
}
