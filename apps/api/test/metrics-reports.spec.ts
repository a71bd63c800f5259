import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper shared with the benchmark
import { portfolioCsv } from '../../../bench/portfolio.mjs';
import { FoldService } from '../src/reports/fold.service';
import { startWorker } from '../src/worker';
import { startApp, TestApp, testConfig } from './support/app';
import { makeTenant, makeUser, PASSWORD } from './support/factories';
import { Http } from './support/http';
import { until } from './support/wait';

const MAPPING = {
  account_id: 'Acct No',
  phone_number: 'Phone',
  state: 'ST',
  balance: 'Balance Due',
  last_contact_at: 'Last Contact',
  bankruptcy_flag: 'Bankrupt?',
};

/** One sample's value from a scrape (null when the series is absent). */
function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? null : Number(line.slice(series.length + 1));
}

describe('/metrics for imports and reports (SPEC H2)', () => {
  let t: TestApp;
  let http: Http;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    t = await startApp();
    http = new Http(t.baseUrl);
    worker = await startWorker(testConfig());
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  const scrape = async () => {
    // The rollup gauges share one read per second; a fresh scrape waits it out.
    await new Promise((r) => setTimeout(r, 1_100));
    const res = await http.get('/metrics');
    expect(res.status).toBe(200);
    return res.text as string;
  };

  it("should show the import queue's depth and count an import run by the worker in the API's duration histogram", async () => {
    const before = await scrape();
    for (const state of ['waiting', 'active', 'delayed', 'failed'])
      expect(sample(before, `import_queue_jobs{state="${state}"}`)).not.toBeNull();
    const doneBefore = sample(before, 'import_job_duration_seconds_count{result="done"}') ?? 0;

    const tenant = await makeTenant(t.db);
    const it = await makeUser(t.db, tenant, ['it']);
    const cookie = await http.login(it.email, PASSWORD);
    const up = await http.upload(
      '/api/v1/imports',
      { name: 'placement.csv', content: portfolioCsv({ rows: 40, idPrefix: 'MET' }) },
      {},
      { cookie },
    );
    await http.put(`/api/v1/imports/${up.body.id}/mapping`, { mapping: MAPPING }, { cookie });
    expect((await http.post(`/api/v1/imports/${up.body.id}/confirm`, {}, { cookie })).status).toBe(202);
    await until(
      async () =>
        (await http.get(`/api/v1/imports/${up.body.id}`, { cookie })).body.status === 'completed' ? true : undefined,
      60_000,
    );

    // The run ended in the worker (another Nest context, as on another machine); the API's scrape shows it.
    const after = await until(async () => {
      const text = await scrape();
      return (sample(text, 'import_job_duration_seconds_count{result="done"}') ?? 0) > doneBefore ? text : undefined;
    }, 10_000);
    expect(after).toContain('# TYPE import_job_duration_seconds histogram');
    expect(sample(after, 'import_job_duration_seconds_sum{result="done"}')).toBeGreaterThan(0);
    const count = sample(after, 'import_job_duration_seconds_count{result="done"}')!;
    expect(sample(after, 'import_job_duration_seconds_bucket{result="done",le="+Inf"}')).toBe(count);
    expect(sample(after, 'import_job_duration_seconds_bucket{result="done",le="3600"}')).toBe(count);
  });

  it('should show decisions waiting above the watermark and the time since the last fold, and both move with a fold', async () => {
    const folds = t.app.get(FoldService);
    await folds.fold();
    // The lag is whole seconds since the last fold: let one pass, so the fold below visibly moves it.
    await new Promise((r) => setTimeout(r, 1_100));
    const tenant = await makeTenant(t.db);
    for (let i = 0; i < 5; i++) {
      await t.db.query(
        `INSERT INTO compliance_event_log (audit_id, created_at, tenant_id, account_id, channel, allowed, would_block, mode, rule_ids, statutes, findings, expires_at, latency_ms, source)
         VALUES ($1, now(), $2, 'MET-1', 'voice', true, false, 'shadow', '{}', '{}', '[]', now() + interval '5 minutes', 3, 'api')`,
        [`ccs_METRICS${String(i).padStart(17, '0')}${Date.now().toString(36).toUpperCase().slice(-2)}`, tenant.id],
      );
    }
    const before = await scrape();
    expect(sample(before, 'report_rollup_unfolded_rows{source="decisions"}')).toBeGreaterThanOrEqual(5);
    expect(sample(before, 'report_rollup_unfolded_rows{source="outcomes"}')).not.toBeNull();
    const lagBefore = sample(before, 'report_rollup_lag_seconds{source="decisions"}')!;
    expect(lagBefore).toBeGreaterThanOrEqual(1);

    // A fold stops below the oldest transaction open anywhere on the server: fold until it has passed these.
    let left = -1;
    for (let attempt = 0; attempt < 200 && left !== 0; attempt++) {
      await folds.fold();
      [{ left }] = await t.db.query(
        `SELECT count(*)::int AS left FROM compliance_event_log WHERE tenant_id = $1 AND xact_id >= (SELECT xact_id FROM report_fold_watermark WHERE source = 'decisions')`,
        [tenant.id],
      );
      if (left !== 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(left).toBe(0);
    const after = await scrape();
    expect(sample(after, 'report_rollup_lag_seconds{source="decisions"}')).toBeLessThan(lagBefore);
    expect(sample(after, 'report_rollup_lag_seconds{source="outcomes"}')).toBeGreaterThanOrEqual(0);
  });
});
