import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { databaseOptions } from '../src/database/database.options';
import { moduleEntities } from '../src/database/module-entities';
import { startApp, TestApp } from './support/app';
import { gateTenant, makeCleanAccount } from './support/gate';
import { Http, HttpResult } from './support/http';
import { TcpProxy } from './support/tcp-proxy';

const BUDGET_MS = 250;

describe('the gate fails closed when the database is cut', () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let direct: DataSource;

  beforeAll(async () => {
    const url = new URL(inject('databaseUrl'));
    proxy = new TcpProxy(url.hostname, Number(url.port || 5432));
    await proxy.start();
    url.host = `127.0.0.1:${proxy.port}`;
    t = await startApp({
      DATABASE_URL: url.toString(),
      GATE_BUDGET_MS: String(BUDGET_MS),
      GATE_SPOOL_DIR: mkdtempSync(join(tmpdir(), 'floor-spool-')),
    });
    direct = await new DataSource({
      ...databaseOptions(inject('databaseUrl')),
      entities: moduleEntities(),
    }).initialize();
  });
  afterAll(async () => {
    await proxy.stop();
    await t.close();
    await direct.destroy();
  });

  it('should answer GATE_UNAVAILABLE within the budget, then leave every allowed answer recorded and no refused one counted', async () => {
    const http = new Http(t.baseUrl);
    const { tenant, key } = await gateTenant(direct, http, 'enforce');
    const accounts = await Promise.all(Array.from({ length: 5 }, () => makeCleanAccount(direct, tenant)));
    const ask = (i: number) =>
      http.post(
        '/api/v1/compliance/contact-check',
        {
          tenant_id: tenant.slug,
          account_id: accounts[i % accounts.length].accountId,
          channel: 'voice',
          dial_mode: 'manual',
        },
        { apiKey: key },
      );
    expect((await ask(0)).body.allowed).toBe(true); // warms the key and tenant caches

    const answers: { result: HttpResult; ms: number; phase: string }[] = [];
    let phase = 'before';
    const inFlight: Promise<void>[] = [];
    const fire = (i: number) => {
      const started = performance.now();
      const label = phase;
      inFlight.push(
        ask(i).then((result) => void answers.push({ result, ms: performance.now() - started, phase: label })),
      );
    };
    for (let i = 0; i < 20; i++) {
      fire(i);
      await new Promise((r) => setTimeout(r, 15));
    }
    proxy.blackhole();
    phase = 'cut';
    for (let i = 0; i < 20; i++) {
      fire(i);
      await new Promise((r) => setTimeout(r, 15));
    }
    await Promise.all(inFlight);
    const cutAnswers = answers.filter((a) => a.phase === 'cut');
    expect(cutAnswers).toHaveLength(20);
    for (const answer of cutAnswers) {
      expect(answer.result.status).toBe(200);
      expect(answer.result.body).toMatchObject({
        allowed: false,
        mode: 'enforce',
        reasons: [{ rule_id: 'GATE_UNAVAILABLE', severity: 'block' }],
      });
      expect(answer.result.body.audit_id).toMatch(/^ccs_/);
      expect(answer.ms).toBeLessThan(BUDGET_MS + 150);
    }
    const ready = await http.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.error.gate.status).toBe('down');
    expect((await http.get('/metrics')).text).toMatch(/gate_unavailable_total\{cause="timeout"\} [1-9]/);

    proxy.restore();
    const all = answers.map((a) => a.result.body);
    const ids = all.map((a) => a.audit_id as string);
    const deadline = Date.now() + 20_000;
    let rows: { audit_id: string; allowed: boolean; facts: { superseded_audit_id?: string } | null }[] = [];
    while (Date.now() < deadline) {
      rows = await direct.query('SELECT audit_id, allowed, facts FROM compliance_event_log WHERE audit_id = ANY($1)', [
        ids,
      ]);
      if (rows.length === ids.length) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(rows).toHaveLength(ids.length);
    const byId = new Map(rows.map((r) => [r.audit_id, r]));
    for (const answer of all) expect(byId.get(answer.audit_id)!.allowed, answer.audit_id).toBe(answer.allowed);

    const refused = all.filter((a) => !a.allowed).map((a) => a.audit_id);
    const superseded = rows.map((r) => r.facts?.superseded_audit_id).filter((id): id is string => !!id);
    const counted = await direct.query('SELECT audit_id FROM contact_attempt WHERE counted AND audit_id = ANY($1)', [
      [...refused, ...superseded],
    ]);
    expect(counted).toEqual([]);
    const allowedIds = all.filter((a) => a.allowed).map((a) => a.audit_id);
    const attempts = await direct.query('SELECT audit_id FROM contact_attempt WHERE counted AND audit_id = ANY($1)', [
      allowedIds,
    ]);
    expect(attempts).toHaveLength(allowedIds.length);

    const recovered = await ask(1);
    expect(recovered.body.reasons.map((r: { rule_id: string }) => r.rule_id)).not.toContain('GATE_UNAVAILABLE');
  });

  it('should answer allowed=false when the mode is not known at all (a cold cache), even for a tenant in shadow', async () => {
    const http = new Http(t.baseUrl);
    const { tenant, key } = await gateTenant(direct, http, 'shadow');
    const account = await makeCleanAccount(direct, tenant);
    // The key is known to this instance (cached by another route), the tenant's mode is not: no check ran yet.
    expect((await http.get('/api/v1/auth/whoami', { apiKey: key })).status).toBe(200);
    proxy.blackhole();
    let answer: HttpResult;
    try {
      answer = await http.post(
        '/api/v1/compliance/contact-check',
        { tenant_id: tenant.slug, account_id: account.accountId, channel: 'voice' },
        { apiKey: key },
      );
    } finally {
      proxy.restore();
    }
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      allowed: false,
      reasons: [{ rule_id: 'GATE_UNAVAILABLE', severity: 'block' }],
    });
    expect(answer.body.audit_id).toMatch(/^ccs_/);
  });

  it('should answer allowed=true with GATE_UNAVAILABLE in shadow, and spool the decision until the database is back', async () => {
    const http = new Http(t.baseUrl);
    const { tenant, key } = await gateTenant(direct, http, 'shadow');
    const account = await makeCleanAccount(direct, tenant);
    const ask = () =>
      http.post(
        '/api/v1/compliance/contact-check',
        { tenant_id: tenant.slug, account_id: account.accountId, channel: 'voice', dial_mode: 'manual' },
        { apiKey: key },
      );
    expect((await ask()).body).toMatchObject({ allowed: true, mode: 'shadow' }); // warms the mode cache
    proxy.blackhole();
    let answer: HttpResult;
    try {
      answer = await ask();
    } finally {
      proxy.restore();
    }
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      allowed: true,
      mode: 'shadow',
      would_block: true,
      reasons: [{ rule_id: 'GATE_UNAVAILABLE' }],
    });
    // Spooled, then replayed: the decision row appears once the database answers.
    const deadline = Date.now() + 20_000;
    let rows: { allowed: boolean; mode: string }[] = [];
    while (Date.now() < deadline && rows.length === 0) {
      rows = await direct.query('SELECT allowed, mode FROM compliance_event_log WHERE audit_id = $1', [
        answer.body.audit_id,
      ]);
      if (rows.length === 0) await new Promise((r) => setTimeout(r, 250));
    }
    expect(rows).toEqual([{ allowed: true, mode: 'shadow' }]);
  });
});
