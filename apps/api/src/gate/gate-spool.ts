import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import {
  appendFileSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
} from 'node:fs';
import { join } from 'node:path';
import { escapeLiteral } from 'pg';
import { APP_CONFIG, AppConfig } from '../config/config';
import { MetricsService } from '../metrics/metrics.service';
import { GatePool } from './gate.pool';
import { loggableError } from '../common/loggable-error';

/**
 * The spool must be a directory this process can write (created when missing): fail-closed answers wait
 * there for the database. Answers the one line to print when it is not, or null. In a container it belongs
 * on a volume that outlives the container (`GATE_SPOOL_DIR`).
 */
export function spoolDirProblem(dir: string): string | null {
  try {
    mkdirSync(dir, { recursive: true });
    const probe = join(dir, `.write-probe-${process.pid}`);
    closeSync(openSync(probe, 'w'));
    unlinkSync(probe);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return `GATE_SPOOL_DIR ${dir} is not writable by this process (${code}): the gate spools fail-closed decisions there. Point GATE_SPOOL_DIR at a writable directory (in a container, a volume).`;
  }
}

/** Exits the process with that one line when the spool directory is not writable. */
export function exitUnlessSpoolWritable(dir: string): void {
  const problem = spoolDirProblem(dir);
  if (!problem) return;
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}

/** A decision the database could not record, as `gate_write` takes it, plus the in-flight check it replaced. */
export interface SpooledDecision {
  payload: Record<string, unknown>;
  /** The audit id of the check that was in flight when the budget ran out: its attempt, if it committed, is voided. */
  superseded_audit_id: string | null;
}

/**
 * The only local state an instance keeps (decided detail 4): an append-only file of fail-closed answers,
 * replayed into the database when it answers again. Each line is written synchronously before the answer.
 */
@Injectable()
export class GateSpool implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(GateSpool.name);
  private readonly file: string;
  private timer?: NodeJS.Timeout;
  private replaying = false;
  private pendingCount = 0;
  private lastFailureAt = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly gatePool: GatePool,
    private readonly metrics: MetricsService,
  ) {
    this.file = join(config.gateSpoolDir, `gate-${process.pid}-${Date.now()}.ndjson`);
  }

  onModuleInit(): void {
    const problem = spoolDirProblem(this.config.gateSpoolDir);
    if (problem) throw new Error(problem);
    // Spool files of earlier runs on this machine are replayed too.
    this.pendingCount = this.countPending();
    this.metrics.gateSpoolPending.set(this.pendingCount);
    this.timer = setInterval(() => void this.replay(), 2_000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  append(entry: SpooledDecision): void {
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
    this.pendingCount++;
    this.lastFailureAt = Date.now();
    this.metrics.gateSpoolPending.set(this.pendingCount);
  }

  /** For readiness: decisions not yet in the database, and the last fail-closed answer. */
  status(): { pending: number; lastFailureAt: number } {
    return { pending: this.pendingCount, lastFailureAt: this.lastFailureAt };
  }

  /** Writes every spooled decision, file by file, each file in one transaction; returns how many were written. */
  async replay(): Promise<number> {
    if (this.replaying || this.pendingCount === 0) return 0;
    this.replaying = true;
    let written = 0;
    try {
      for (const name of readdirSync(this.config.gateSpoolDir)) {
        if (!name.endsWith('.ndjson')) continue;
        const source = join(this.config.gateSpoolDir, name);
        const claimed = `${source}.replaying-${process.pid}`;
        try {
          renameSync(source, claimed);
        } catch {
          continue; // another instance claimed it
        }
        const lines = readFileSync(claimed, 'utf8').split('\n').filter(Boolean);
        try {
          await this.write(lines.map((line) => JSON.parse(line) as SpooledDecision));
          unlinkSync(claimed);
          written += lines.length;
        } catch (error) {
          renameSync(claimed, source); // keep it for the next round
          throw error;
        }
      }
      this.pendingCount = this.countPending();
      if (written) this.logger.log({ written }, 'replayed spooled gate decisions');
    } catch (err) {
      this.logger.warn({ error: loggableError(err) }, 'spooled gate decisions wait for the database');
    } finally {
      this.metrics.gateSpoolPending.set(this.pendingCount);
      this.replaying = false;
    }
    return written;
  }

  private async write(entries: SpooledDecision[]): Promise<void> {
    const client = await this.gatePool.pool.connect();
    const onError = () => undefined; // the failing query reports it
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      for (const entry of entries) {
        await client.query(`SELECT gate_write(${escapeLiteral(JSON.stringify(entry.payload))}::jsonb)`);
        if (entry.superseded_audit_id) {
          // The answer was "not allowed": an attempt the in-flight check may have committed must not count.
          await client.query(`UPDATE contact_attempt SET counted = false, outcome = 'voided' WHERE audit_id = $1`, [
            entry.superseded_audit_id,
          ]);
        }
      }
      await client.query('COMMIT');
      client.off('error', onError);
      client.release();
    } catch (error) {
      client.off('error', onError);
      client.release(true);
      throw error;
    }
  }

  private countPending(): number {
    if (!existsSync(this.config.gateSpoolDir)) return 0;
    let count = 0;
    for (const name of readdirSync(this.config.gateSpoolDir)) {
      if (name.endsWith('.ndjson'))
        count += readFileSync(join(this.config.gateSpoolDir, name), 'utf8').split('\n').filter(Boolean).length;
    }
    return count;
  }
}
