import { BadRequestException, Inject, Injectable, Logger } from '@nestjs/common';
import {
  ACCOUNT_NOT_FOUND,
  Channel,
  decide,
  DialMode,
  Finding,
  GATE_UNAVAILABLE,
} from '@floor-os/rules';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { performance } from 'node:perf_hooks';
import { escapeLiteral, PoolClient, QueryResult } from 'pg';
import { monotonicFactory } from 'ulid';
import { APP_CONFIG, AppConfig } from '../config/config';
import { MetricsService } from '../metrics/metrics.service';
import { AccountRow, factsFromRow, historyFromRows } from './facts.mapper';
import { GatePool } from './gate.pool';
import { GateSpool } from './gate-spool';
import { TenantGateSettings, TenantSettingsCache } from './tenant-settings.cache';

export interface CheckInput {
  tenantId: string;
  accountId: string;
  channel: Channel;
  dialMode: DialMode;
  agentId: string | null;
  /** E.164 or something libphonenumber can read as a US number; null → the account's own. */
  phoneNumber: string | null;
  source: 'api' | 'panel';
  principalId: string;
}

export interface Reason {
  rule_id: string;
  severity: 'block' | 'warn';
  statute: string;
  message: string;
}

/** The gate's answer (SPEC G1). */
export interface ContactCheckAnswer {
  allowed: boolean;
  reasons: Reason[];
  statutes: string[];
  audit_id: string;
  expires_at: string;
  mode: 'shadow' | 'enforce';
  would_block?: boolean;
  next_allowed_at?: string;
}

/** Rolling windows are 168 h; an hour more covers the post-conversation pause's edge. */
const HISTORY_MS = 169 * 3_600_000;

interface InFlight {
  abandoned: boolean;
}

const reasonOf = (f: Finding): Reason => ({ rule_id: f.rule_id, severity: f.severity, statute: f.statute, message: f.message });
const lit = (value: string | null): string => (value === null ? 'NULL' : escapeLiteral(value));

/**
 * The compliance gate's hot path (SPEC G1–G8).
 *
 * One check is two round trips on the gate's own pool, each a simple-protocol batch:
 *   1. `BEGIN; SELECT pg_advisory_xact_lock(<tenant/account>); SELECT gate_read(...)` — the lock is its own
 *      statement, so the read that follows takes a fresh snapshot and sees the attempt the previous holder
 *      just committed (a single statement that locks and counts would not: the cap would leak).
 *   2. `SELECT gate_write(<decision>); COMMIT` — the decision row and, when the answer lets the dialer
 *      contact, its pending attempt; the answer leaves only after COMMIT (G3, G4).
 * Any error, or the budget running out, answers `GATE_UNAVAILABLE` — `allowed=false` in enforce, `true` in
 * shadow (decided detail 3) — and spools that decision to a local file until the database is back (detail 4).
 */
@Injectable()
export class GateService {
  private readonly logger = new Logger(GateService.name);
  private readonly ulid = monotonicFactory();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly gatePool: GatePool,
    private readonly settings: TenantSettingsCache,
    private readonly spool: GateSpool,
    private readonly metrics: MetricsService,
  ) {}

  newAuditId(now = Date.now()): string {
    return `ccs_${this.ulid(now)}`;
  }

  /** Normalises a phone number to E.164 (US by default); a bad one is a field error. */
  normalisePhone(value: string | undefined | null, field = 'phone_number'): string | null {
    if (value === undefined || value === null || value === '') return null;
    const parsed = parsePhoneNumberFromString(value, 'US');
    if (!parsed || !parsed.isValid()) {
      throw new BadRequestException({ message: 'Validation failed', code: 'VALIDATION_FAILED', fields: { [field]: [`${field} is not a valid phone number`] } });
    }
    return parsed.number;
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
    const outcome = await Promise.race([work.then((answer) => ({ answer }), (error: unknown) => ({ error })), timeout]);
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
    if (cause === 'error') this.logger.warn({ err: (outcome as { error: unknown }).error, audit_id: auditId }, 'gate fails closed');
    else this.logger.warn({ audit_id: auditId, budget_ms: this.config.gateBudgetMs }, 'gate fails closed: budget exceeded');
    return this.failClosed(input, auditId, cause, started);
  }

  private async decideAndRecord(input: CheckInput, auditId: string, now: number, started: number, inFlight: InFlight): Promise<ContactCheckAnswer> {
    const settings = await this.settings.get(input.tenantId, now);
    if (!settings) throw new Error(`tenant ${input.tenantId} not found`);
    const client = await this.gatePool.pool.connect();
    this.watch(client);
    if (inFlight.abandoned) {
      client.release();
      throw new Error('abandoned');
    }
    try {
      const since = new Date(now - HISTORY_MS).toISOString();
      const results = (await client.query(
        `BEGIN; SELECT pg_advisory_xact_lock(hashtextextended(${lit(`${input.tenantId}/${input.accountId}`)}, 0)); ` +
          `SELECT gate_read(${lit(input.tenantId)}::uuid, ${lit(input.accountId)}, ${lit(input.phoneNumber)}, NULL, ${lit(since)}::timestamptz) AS r`,
      )) as unknown as QueryResult[];
      const read = results[2].rows[0].r as {
        account: AccountRow | null;
        history: [number, Channel, never][];
        suppressed_phone: boolean;
        suppressed_email: boolean;
      };
      if (inFlight.abandoned) throw new Error('abandoned');

      const answer = this.decide(input, settings, read, auditId, now);
      const payload = {
        ...answer.record,
        latency_ms: performance.now() - started,
        // Past this instant gate_write raises, so no commit lands after the caller has been told "no".
        deadline: new Date(now + this.config.gateBudgetMs - Math.min(25, this.config.gateBudgetMs / 5)).toISOString(),
      };
      await client.query(`SELECT gate_write(${escapeLiteral(JSON.stringify(payload))}::jsonb); COMMIT`);
      client.release();
      return answer.answer;
    } catch (error) {
      await this.discard(client);
      throw error;
    }
  }

  private decide(
    input: CheckInput,
    settings: TenantGateSettings,
    read: { account: AccountRow | null; history: [number, Channel, never][]; suppressed_phone: boolean; suppressed_email: boolean },
    auditId: string,
    now: number,
  ): { answer: ContactCheckAnswer; record: Record<string, unknown> } {
    const facts = read.account ? factsFromRow(read.account) : null;
    let findings: Finding[];
    let statutes: string[];
    let nextAllowedAt: number | null = null;
    let candidateZones: string[] = [];
    if (facts) {
      const decision = decide(
        facts,
        historyFromRows(read.history),
        { channel: input.channel, dial_mode: input.dialMode, phone_number: input.phoneNumber, email: null },
        now,
        settings.ruleSettings,
        { suppressed_phone: read.suppressed_phone, suppressed_email: read.suppressed_email, collector_kind: settings.collectorKind },
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
    const blocks = findings.filter((f) => f.severity === 'block');
    const wouldBlock = blocks.length > 0;
    const shadow = settings.mode === 'shadow';
    const allowed = shadow || !wouldBlock;
    const expiresAt = new Date(now + this.config.gateDecisionTtlSeconds * 1000).toISOString();
    const answer: ContactCheckAnswer = {
      allowed,
      reasons: findings.map(reasonOf),
      statutes,
      audit_id: auditId,
      expires_at: expiresAt,
      mode: settings.mode,
    };
    if (shadow) answer.would_block = wouldBlock;
    if (nextAllowedAt !== null && wouldBlock) answer.next_allowed_at = new Date(nextAllowedAt).toISOString();
    const record = {
      audit_id: auditId,
      created_at: new Date(now).toISOString(),
      tenant_id: input.tenantId,
      account_id: input.accountId,
      channel: input.channel,
      dial_mode: input.dialMode,
      agent_id: input.agentId,
      phone_number: input.phoneNumber ?? facts?.phone_number ?? null,
      allowed,
      would_block: wouldBlock,
      mode: settings.mode,
      rule_ids: blocks.map((f) => f.rule_id),
      statutes,
      findings,
      facts: facts
        ? { ...facts, candidate_zones: candidateZones, attempts_in_window: read.history.length, suppressed_phone: read.suppressed_phone, suppressed_email: read.suppressed_email }
        : null,
      next_allowed_at: answer.next_allowed_at ?? null,
      expires_at: expiresAt,
      source: input.source,
      principal_id: input.principalId,
      is_test: facts?.is_test ?? false,
      // Every allowed voice/SMS/email answer becomes a pending attempt the caps count (shadow included:
      // the dialer will dial); the smoke-test account creates none (decided detail 10).
      attempt: allowed && input.channel !== 'payment' && !(facts?.is_test ?? false),
    };
    return { answer, record };
  }

  /** GATE_UNAVAILABLE: fast, with an audit id, spooled until the database records it. */
  private failClosed(input: CheckInput, supersededAuditId: string, cause: 'timeout' | 'error', started: number): ContactCheckAnswer {
    const now = Date.now();
    const known = this.settings.last(input.tenantId);
    // Unknown mode → treated as enforce: fail closed.
    const mode = known?.mode ?? 'enforce';
    const allowed = mode === 'shadow';
    const auditId = this.newAuditId(now);
    const expiresAt = new Date(now + this.config.gateDecisionTtlSeconds * 1000).toISOString();
    this.spool.append({
      superseded_audit_id: supersededAuditId,
      payload: {
        audit_id: auditId,
        created_at: new Date(now).toISOString(),
        tenant_id: input.tenantId,
        account_id: input.accountId,
        channel: input.channel,
        dial_mode: input.dialMode,
        agent_id: input.agentId,
        phone_number: input.phoneNumber,
        allowed,
        would_block: true,
        mode,
        rule_ids: [GATE_UNAVAILABLE.rule_id],
        statutes: [GATE_UNAVAILABLE.statute],
        findings: [GATE_UNAVAILABLE],
        facts: { cause, superseded_audit_id: supersededAuditId, mode_known: known !== undefined },
        next_allowed_at: null,
        expires_at: expiresAt,
        latency_ms: performance.now() - started,
        source: 'spool',
        principal_id: input.principalId,
        is_test: false,
        attempt: allowed && input.channel !== 'payment',
      },
    });
    this.metrics.gateUnavailable.labels(cause).inc();
    this.metrics.gateDecisions.labels(input.channel, mode, 'unavailable').inc();
    this.metrics.gateLatency.labels('unavailable').observe((performance.now() - started) / 1000);
    const answer: ContactCheckAnswer = {
      allowed,
      reasons: [reasonOf(GATE_UNAVAILABLE)],
      statutes: [GATE_UNAVAILABLE.statute],
      audit_id: auditId,
      expires_at: expiresAt,
      mode,
    };
    if (mode === 'shadow') answer.would_block = true;
    return answer;
  }

  private readonly watched = new WeakSet<PoolClient>();

  /** A checked-out connection that dies emits 'error'; its query fails on its own, so only note it. */
  private watch(client: PoolClient): void {
    if (this.watched.has(client)) return;
    this.watched.add(client);
    client.on('error', (err) => this.logger.warn({ err: err.message }, 'gate connection lost'));
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
