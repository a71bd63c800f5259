import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AccountRow, Channel, DecisionRecord, DialMode, InitiatedBy } from '@floor-os/rules';
import type { ContactCheckAnswer } from '@floor-os/contracts';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PoolClient, QueryResult } from 'pg';
import { APP_CONFIG, AppConfig } from '../config/config';
import { loggableError } from '../common/loggable-error';
import { GatePool } from './gate.pool';
import { GateSpool } from './gate-spool';
import type { TenantGateSettings } from './tenant-settings.cache';

/** What a check asks (the gate service builds it from the request). */
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

/** Rolling windows are 168 h; an hour more covers the post-conversation pause's edge. */
const HISTORY_MS = 169 * 3_600_000;

/** At most this many checks share one transaction. */
const MAX_BATCH = 64;

/** Set by the gate when a check's caller has been answered without it (budget spent or error). */
export interface InFlight {
  abandoned: boolean;
}

/** What `gate_read_many` hands back for one account (and phone number). */
export interface GateRead {
  account: AccountRow | null;
  /** `[ms, channel, outcome]`; a fourth element `false` marks a conversation on an attempt that counts toward no cap. */
  history: [number, Channel, never, false?][];
  suppressed_phone: boolean;
  suppressed_email: boolean;
}

/** The decision of one check from its read, inside the batch's transaction (the gate's rules engine). */
export type DecideFn = (
  input: CheckInput,
  settings: TenantGateSettings,
  read: GateRead,
  auditId: string,
  now: number,
) => { answer: ContactCheckAnswer; record: DecisionRecord };

/** A check waiting for its batch. */
export interface PendingCheck {
  input: CheckInput;
  auditId: string;
  now: number;
  started: number;
  inFlight: InFlight;
  settings: TenantGateSettings;
  decide: DecideFn;
}

interface QueuedCheck extends PendingCheck {
  resolve(answer: ContactCheckAnswer): void;
  reject(error: unknown): void;
}

/** The advisory-lock key of an account: 64 bits of SHA-256 of `tenant/account`, as a signed bigint literal. */
export function lockKey(tenantId: string, accountId: string): string {
  return createHash('sha256').update(`${tenantId}/${accountId}`).digest().readBigInt64BE(0).toString();
}

/**
 * A string as an SQL literal on the gate's connections, which run with `standard_conforming_strings = on`
 * (set by `GatePool` on every connection): a backslash is an ordinary character there and only a quote is
 * doubled — one native replace over the batch's JSON instead of pg's character-by-character `escapeLiteral`.
 */
export const quoted = (value: string): string => `'${value.replaceAll("'", "''")}'`;

const lit = (value: string | null): string => (value === null ? 'NULL' : quoted(value));

/**
 * The gate's durable writes: checks that arrive together share one transaction on the gate's own pool,
 * two round trips, each a simple-protocol batch:
 *   1. `BEGIN; SELECT pg_advisory_xact_lock(<tenant/account>); …; SELECT gate_read_many(...)` — each lock is
 *      its own statement, so the reads that follow take a fresh snapshot and see the attempt the previous
 *      holder just committed (a single statement that locks and counts would not: the cap would leak).
 *   2. `SELECT gate_write_many(<decisions>); COMMIT` — the decision rows and, when an answer lets the dialer
 *      contact, its pending attempt; answers leave only after COMMIT (G3, G4).
 * Between the two, each check is decided by the `decide` it was submitted with (`GateService`). A decision
 * the database cannot take in time is handed to the local spool (`spoolFallback`) until it is back.
 */
@Injectable()
export class DecisionBatcher {
  private readonly logger = new Logger(DecisionBatcher.name);
  private readonly queue: QueuedCheck[] = [];
  private batchesInFlight = 0;
  private readonly watched = new WeakSet<PoolClient>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly gatePool: GatePool,
    private readonly spool: GateSpool,
  ) {}

  /** Queues a check for the next batch; settles after its batch commits (or fails). */
  submit(check: PendingCheck): Promise<ContactCheckAnswer> {
    return new Promise<ContactCheckAnswer>((resolve, reject) => {
      this.queue.push({ ...check, resolve, reject });
      this.pump();
    });
  }

  /** GATE_UNAVAILABLE's decision: kept in the local spool until the database records it. */
  spoolFallback(supersededAuditId: string, record: DecisionRecord): void {
    this.spool.append({ superseded_audit_id: supersededAuditId, payload: record });
  }

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

  private async runBatch(batch: QueuedCheck[]): Promise<void> {
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
      const decided: { check: QueuedCheck; answer: ContactCheckAnswer; payload: DecisionRecord }[] = [];
      for (const check of live) {
        if (check.inFlight.abandoned) continue;
        const accountKey = `${check.input.tenantId}/${check.input.accountId}`;
        const base = readOf.get(`${accountKey}/${check.input.phoneNumber ?? ''}`)!;
        const earlier = extra.get(accountKey) ?? [];
        const read = earlier.length ? { ...base, history: [...base.history, ...earlier] } : base;
        const { answer, record } = check.decide(check.input, check.settings, read, check.auditId, check.now);
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
      await client.query(`SELECT gate_write_many(${quoted(JSON.stringify(payloads))}::jsonb); COMMIT`);
      client.release();
      for (const d of decided) d.check.resolve(d.answer);
      for (const check of live)
        if (check.inFlight.abandoned && !decided.some((d) => d.check === check)) check.reject(new Error('abandoned'));
    } catch (error) {
      if (client) await this.discard(client);
      for (const check of batch) check.reject(error);
    }
  }

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
