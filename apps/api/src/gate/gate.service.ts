import { BadRequestException, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import {
  ACCOUNT_NOT_FOUND,
  assertZoneTables,
  buildDecision,
  Channel,
  decide,
  DecisionRecord,
  factsFromRow,
  Finding,
  GATE_UNAVAILABLE,
  historyFromRows,
  RuleSettings,
} from '@floor-os/rules';
import type { ContactCheckAnswer, GateReason as Reason } from '@floor-os/contracts';
import { toE164 } from '@floor-os/formats';
import { performance } from 'node:perf_hooks';
import { APP_CONFIG, AppConfig } from '../config/config';
import { MetricsService } from '../metrics/metrics.service';
import { CheckInput, DecisionBatcher, DecideFn, GateRead, InFlight } from './decision-batcher';
import { ulid } from './ulid';
import { TenantGateSettings, TenantSettingsCache } from './tenant-settings.cache';
import { loggableError } from '../common/loggable-error';

/** The advisory-lock key of an account (the webhooks take the same lock): kept where it was first exported. */
export { lockKey } from './decision-batcher';

/** What a check asks: defined with the batcher that carries it to the database. */
export type { CheckInput, GateRead } from './decision-batcher';

/** The gate's answer (SPEC G1): the wire type in libs/contracts. */
export type { ContactCheckAnswer, Reason };

/**
 * The facts a decision used, as stored with it: facts that are null, false or empty are left out (absent
 * reads as "not on file"), which keeps each decision row small on the hot path. Times are epoch ms.
 */
export function compactFacts(facts: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in facts) {
    if (!Object.hasOwn(facts, key)) continue;
    const value = facts[key];
    if (value === null || value === false || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = value;
  }
  return out;
}

/**
 * What a decision stores of its facts: the account's (compacted) and what the check itself found, in that
 * order — the same object as `compactFacts({ ...facts, candidate_zones, attempts_in_window, suppressed_phone,
 * suppressed_email })` (the account's facts carry none of those four names), built without the intermediate copy.
 */
export function storedFacts(facts: object, candidateZones: string[], read: GateRead): Record<string, unknown> {
  const stored = compactFacts(facts as Record<string, unknown>);
  if (candidateZones.length > 0) stored.candidate_zones = candidateZones;
  stored.attempts_in_window = countedAttempts(read.history);
  if (read.suppressed_phone) stored.suppressed_phone = read.suppressed_phone;
  if (read.suppressed_email) stored.suppressed_email = read.suppressed_email;
  return stored;
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

/** The attempts of the history read that count toward the caps (a fourth element `false` marks one that does not). */
function countedAttempts(history: readonly [number, Channel, never, false?][]): number {
  let n = 0;
  for (const row of history) if (row[3] !== false) n++;
  return n;
}

/**
 * The compliance gate's hot path (SPEC G1–G8): the check flow — the tenant's settings, the budget, the
 * decision from the rules engine, the metrics and the fail-closed answer.
 *
 * A check is two round trips on the gate's own pool, each a simple-protocol batch, shared by the checks
 * that arrive together: `DecisionBatcher` (decision-batcher.ts) holds the queue, the locks, the read and
 * the write of a batch, and calls back `decide` between the two. Any error, or the budget running out,
 * answers `GATE_UNAVAILABLE` — `allowed=false` in enforce, `true` in shadow (decided detail 3) — and hands
 * that decision to the batcher's spool, a local file, until the database is back (detail 4).
 */
@Injectable()
export class GateService implements OnModuleInit {
  private readonly logger = new Logger(GateService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly settings: TenantSettingsCache,
    private readonly batcher: DecisionBatcher,
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

  /**
   * One promise per check, settled once: by its batch's answer, or by the fail-closed answer when the budget
   * runs out or the work fails (the hot path: no race of extra promises, no async wrapper per check).
   */
  check(input: CheckInput): Promise<ContactCheckAnswer> {
    const started = performance.now();
    const now = Date.now();
    const auditId = this.newAuditId(now);
    const inFlight: InFlight = { abandoned: false };
    return new Promise<ContactCheckAnswer>((resolve) => {
      let settled = false;
      const fail = (cause: 'timeout' | 'error', error?: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        inFlight.abandoned = true;
        if (cause === 'error')
          this.logger.warn({ error: loggableError(error), audit_id: auditId }, 'gate fails closed');
        else
          this.logger.warn(
            { audit_id: auditId, budget_ms: this.config.gateBudgetMs },
            'gate fails closed: budget exceeded',
          );
        resolve(this.failClosed(input, auditId, cause, started));
      };
      const timer = setTimeout(() => fail('timeout'), this.config.gateBudgetMs);
      const answered = (answer: ContactCheckAnswer) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const label = answer.allowed ? (answer.would_block ? 'would_block' : 'allowed') : 'blocked';
        this.metrics.gateDecisions.labels(input.channel, answer.mode, label).inc();
        this.metrics.gateLatency.labels(label).observe((performance.now() - started) / 1000);
        resolve(answer);
      };
      const failed = (error: unknown) => fail('error', error);
      // Settings are cached per tenant: a fresh entry is used without waiting for a promise.
      const fresh = this.settings.fresh(input.tenantId, now);
      const work = fresh
        ? this.submit(input, fresh, auditId, now, started, inFlight)
        : this.settings
            .get(input.tenantId, now)
            .then((settings) => this.submit(input, settings, auditId, now, started, inFlight));
      work.then(answered, failed);
    });
  }

  private submit(
    input: CheckInput,
    settings: TenantGateSettings | null,
    auditId: string,
    now: number,
    started: number,
    inFlight: InFlight,
  ): Promise<ContactCheckAnswer> {
    if (!settings) return Promise.reject(new Error(`tenant ${input.tenantId} not found`));
    return this.batcher.submit({ input, auditId, now, started, inFlight, settings, decide: this.decideOne });
  }

  /** The batcher's callback: `decide` bound once, not per check. */
  private readonly decideOne: DecideFn = (input, settings, read, auditId, now) =>
    this.decide(input, settings, read, auditId, now);

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
      facts: facts ? storedFacts(facts, candidateZones, read) : null,
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
    this.batcher.spoolFallback(supersededAuditId, record);
    this.metrics.gateUnavailable.labels(cause).inc();
    this.metrics.gateDecisions.labels(input.channel, mode, 'unavailable').inc();
    this.metrics.gateLatency.labels('unavailable').observe((performance.now() - started) / 1000);
    return answer;
  }
}
