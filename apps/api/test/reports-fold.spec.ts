import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { databaseOptions } from '../src/database/database.options';
import { moduleEntities } from '../src/database/module-entities';
import { FoldService } from '../src/reports/fold.service';
import { ReportStore } from '../src/reports/report-store';
import { Tenant } from '../src/tenants/tenant.entity';
import { startApp, TestApp } from './support/app';
import { makeTenant } from './support/factories';
import { gateTenant, makeCleanAccount } from './support/gate';
import { Http } from './support/http';

let sequence = 0;
/** A decision row as the gate writes it (a ULID-like audit id, so ids sort by time). */
function decisionRow(
  tenant: Tenant,
  at: Date,
  fields: {
    channel?: string;
    allowed?: boolean;
    would_block?: boolean;
    mode?: string;
    rules?: string[];
    latency?: number;
    agent?: string;
  } = {},
) {
  const rules = fields.rules ?? [];
  return {
    audit_id:
      `ccs_${at.getTime().toString(36).padStart(10, '0')}${String(++sequence).padStart(8, '0')}${randomUUID().slice(0, 8)}`
        .toUpperCase()
        .replace('CCS_', 'ccs_'),
    created_at: at,
    tenant_id: tenant.id,
    account_id: 'FOLD-1',
    channel: fields.channel ?? 'voice',
    allowed: fields.allowed ?? true,
    would_block: fields.would_block ?? rules.length > 0,
    mode: fields.mode ?? 'shadow',
    rule_ids: rules,
    findings: JSON.stringify(rules.map((rule_id) => ({ rule_id, severity: 'block' }))),
    latency_ms: fields.latency ?? 4,
    agent_id: fields.agent ?? null,
  };
}

const INSERT = `INSERT INTO compliance_event_log (audit_id, created_at, tenant_id, account_id, channel, allowed, would_block, mode, rule_ids, statutes, findings, expires_at, latency_ms, source, agent_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '{}', $10::jsonb, $2::timestamptz + interval '5 minutes', $11, 'api', $12)`;
const params = (r: ReturnType<typeof decisionRow>) => [
  r.audit_id,
  r.created_at,
  r.tenant_id,
  r.account_id,
  r.channel,
  r.allowed,
  r.would_block,
  r.mode,
  r.rule_ids,
  r.findings,
  r.latency_ms,
  r.agent_id,
];

describe('the reports fold (decided detail 25)', () => {
  let t: TestApp;
  let direct: DataSource;
  let folds: FoldService;
  let store: ReportStore;

  beforeAll(async () => {
    t = await startApp();
    direct = await new DataSource({
      ...databaseOptions(inject('databaseUrl')),
      entities: moduleEntities(),
    }).initialize();
    folds = t.app.get(FoldService);
    store = t.app.get(ReportStore);
  });
  afterAll(async () => {
    await direct.destroy();
    await t.close();
  });

  /**
   * Folds until every decision of the tenant lies below the watermark. A fold stops below the oldest
   * transaction running anywhere on the database server (transaction ids are server-wide), so one fold right
   * after a write may fold nothing while another test's transaction is open; the rows are then still read from
   * the tail, and a later fold takes them.
   */
  async function settle(tenant: Tenant): Promise<void> {
    for (let attempt = 0; attempt < 200; attempt++) {
      await folds.fold();
      const [{ waiting }] = await direct.query(
        `SELECT count(*)::int AS waiting FROM compliance_event_log e, report_fold_watermark w
          WHERE w.source = 'decisions' AND e.tenant_id = $1 AND (e.xact_id >= w.xact_id OR (e.xact_id IS NULL AND NOT w.backfilled))`,
        [tenant.id],
      );
      if (waiting === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("the fold never passed the tenant's decisions (a transaction left open?)");
  }

  const rolledUp = async (tenant: Tenant) =>
    Number(
      (
        await direct.query(
          'SELECT coalesce(sum(count), 0)::int AS n FROM report_decision_hourly WHERE tenant_id = $1',
          [tenant.id],
        )
      )[0].n,
    );
  const counted = async (tenant: Tenant, from: Date, to: Date) =>
    (await store.window(tenant.id, from, to)).decisions.reduce((sum, d) => sum + d.count, 0);

  it('should count a decision in a report the moment it is written, before any fold, and exactly once after', async () => {
    const tenant = await makeTenant(direct);
    const from = new Date(Date.now() - 3_600_000 * 2);
    const to = new Date(Date.now() + 3_600_000);
    const row = decisionRow(tenant, new Date(), { rules: ['REG_F_7IN7'] });
    await direct.query(INSERT, params(row));
    expect(await counted(tenant, from, to)).toBe(1);
    await settle(tenant);
    expect(await rolledUp(tenant)).toBe(1);
    expect(await counted(tenant, from, to)).toBe(1);
    const window = await store.window(tenant.id, from, to);
    expect(window.findings).toEqual([
      expect.objectContaining({ rule_id: 'REG_F_7IN7', count: 1, samples: [row.audit_id] }),
    ]);
    await folds.fold();
    expect(await counted(tenant, from, to)).toBe(1);
  });

  it('should fold a transaction that commits after a fold ran, once, by a later fold', async () => {
    const tenant = await makeTenant(direct);
    const from = new Date(Date.now() - 3_600_000);
    const to = new Date(Date.now() + 3_600_000);
    const runner = direct.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      // This transaction has its id before the folds run, and commits after them.
      await runner.query(INSERT, params(decisionRow(tenant, new Date())));
      await folds.fold();
      await direct.query(INSERT, params(decisionRow(tenant, new Date())));
      await folds.fold();
      // The fold stops below the oldest transaction still running: the later, committed decision waits for it,
      // and is read from the tail meanwhile.
      expect(await rolledUp(tenant)).toBe(0);
      expect(await counted(tenant, from, to)).toBe(1);
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await counted(tenant, from, to)).toBe(2);
    await settle(tenant);
    expect(await rolledUp(tenant)).toBe(2);
    expect(await counted(tenant, from, to)).toBe(2);
    await folds.fold();
    expect(await rolledUp(tenant)).toBe(2);
  });

  it('should count every decision exactly once while gate checks and two folding workers run at once', async () => {
    const http = new Http(t.baseUrl);
    const { tenant, key } = await gateTenant(direct, http, 'shadow');
    const accounts = await Promise.all(Array.from({ length: 8 }, () => makeCleanAccount(direct, tenant)));
    // A second worker: its own connections, the same database.
    const second = new FoldService(direct);
    let stop = false;
    const folding = [folds, second].map(async (service) => {
      let runs = 0;
      while (!stop) {
        await service.fold();
        runs++;
      }
      return runs;
    });
    const checks: Promise<unknown>[] = [];
    for (let i = 0; i < 120; i++) {
      checks.push(
        http.post(
          '/api/v1/compliance/contact-check',
          {
            tenant_id: tenant.slug,
            account_id: accounts[i % accounts.length].accountId,
            channel: i % 3 === 0 ? 'sms' : 'voice',
          },
          { apiKey: key },
        ),
      );
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    const answers = (await Promise.all(checks)) as { status: number }[];
    expect(answers.every((a) => a.status === 200)).toBe(true);
    stop = true;
    const runs = await Promise.all(folding);
    expect(runs.every((n) => n > 0)).toBe(true);
    await settle(tenant);
    const [{ n }] = await direct.query(
      'SELECT count(*)::int AS n FROM compliance_event_log WHERE tenant_id = $1 AND NOT is_test',
      [tenant.id],
    );
    expect(n).toBe(120);
    expect(await rolledUp(tenant)).toBe(120);
    const latency = await direct.query(
      'SELECT coalesce(sum(count), 0)::int AS n FROM report_latency_hourly WHERE tenant_id = $1',
      [tenant.id],
    );
    expect(latency[0].n).toBe(120);
    const from = new Date(Date.now() - 3_600_000);
    expect(await counted(tenant, from, new Date(Date.now() + 3_600_000))).toBe(120);
  });

  it('should fold decisions written before the rollups existed (no transaction id) once, in the backfill', async () => {
    const tenant = await makeTenant(direct);
    const row = decisionRow(tenant, new Date(Date.now() - 86_400_000));
    // As a row from before the migration: no transaction id, and a watermark whose backfill has not run.
    await direct.query(
      INSERT.replace('source, agent_id)', 'source, agent_id, xact_id)').replace('$12)', '$12, NULL)'),
      params(row),
    );
    await direct.query(`UPDATE report_fold_watermark SET backfilled = false WHERE source = 'decisions'`);
    const from = new Date(Date.now() - 2 * 86_400_000);
    expect(await counted(tenant, from, new Date())).toBe(1); // the tail includes it before the backfill
    await settle(tenant);
    const [{ backfilled }] = await direct.query(
      `SELECT backfilled FROM report_fold_watermark WHERE source = 'decisions'`,
    );
    expect(backfilled).toBe(true);
    expect(await rolledUp(tenant)).toBe(1);
    expect(await counted(tenant, from, new Date())).toBe(1); // and no longer as tail once folded
    await folds.fold();
    expect(await rolledUp(tenant)).toBe(1);
  });

  it('should sum whole UTC hours, so a window reads rollups and tail alike', async () => {
    const tenant = await makeTenant(direct);
    const base = Date.UTC(2026, 10, 1, 4, 0, 0); // 2026-11-01 04:00 UTC = 00:00 EDT, the night the clocks go back
    for (let h = 0; h < 6; h++)
      await direct.query(
        INSERT,
        params(decisionRow(tenant, new Date(base + h * 3_600_000 + 60_000), { channel: 'email', latency: 3 + h })),
      );
    await settle(tenant);
    await direct.query(
      INSERT,
      params(decisionRow(tenant, new Date(base + 2 * 3_600_000 + 120_000), { channel: 'email' })),
    );
    const window = await store.window(tenant.id, new Date(base), new Date(base + 6 * 3_600_000));
    const byHour = window.decisions.map((d) => [d.hour.toISOString(), d.count]);
    expect(byHour).toEqual([
      ['2026-11-01T04:00:00.000Z', 1],
      ['2026-11-01T05:00:00.000Z', 1],
      ['2026-11-01T06:00:00.000Z', 2],
      ['2026-11-01T07:00:00.000Z', 1],
      ['2026-11-01T08:00:00.000Z', 1],
      ['2026-11-01T09:00:00.000Z', 1],
    ]);
  });
});
