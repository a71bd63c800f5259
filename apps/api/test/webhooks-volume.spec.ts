import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signGeneric } from '../src/webhooks/signatures';
import { startWorker } from '../src/worker';
import { startApp, TestApp, testConfig } from './support/app';
import { makeUser, PASSWORD } from './support/factories';
import { gateTenant, makeCleanAccount } from './support/gate';
import { Http } from './support/http';
import { until } from './support/wait';

const SECRET = 'generic-webhook-secret-volume-0001';
const ACCOUNTS = 100;

/** A seeded shuffle, so a failure can be replayed. */
function shuffle<T>(items: T[], seed = 42): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('1,000 webhook deliveries: 10 % duplicates, 5 % forged', () => {
  let t: TestApp;
  let http: Http;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    t = await startApp({ GATE_BUDGET_MS: '3000' });
    http = new Http(t.baseUrl);
    worker = await startWorker(testConfig());
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  it('should process every genuine delivery once, refuse every forged one, and count exactly the genuine attempts', async () => {
    const { tenant, key } = await gateTenant(t.db, http, 'enforce');
    const itUser = await makeUser(t.db, tenant, ['it']);
    const cookie = await http.login(itUser.email, PASSWORD);
    expect(
      (await http.put('/api/v1/vendors/generic', { enabled: true, webhook_secret: SECRET }, { cookie })).status,
    ).toBe(200);
    const accounts = [];
    for (let k = 0; k < ACCOUNTS; k++) accounts.push((await makeCleanAccount(t.db, tenant)).accountId);

    // Account k gets 4 + (k % 10) genuine voice outcomes (850 in all); every third is `busy`, which does
    // not count toward the caps.
    type Delivery = { body: Record<string, unknown>; secret: string; kind: 'genuine' | 'duplicate' | 'forged' };
    const genuine: Delivery[] = [];
    const expected = new Map<string, { total: number; counted: number }>();
    const start = Date.now() - 3 * 86_400_000;
    accounts.forEach((accountId, k) => {
      const n = 4 + (k % 10);
      expected.set(accountId, {
        total: n,
        counted: Array.from({ length: n }, (_, j) => j % 3 !== 2).filter(Boolean).length,
      });
      for (let j = 0; j < n; j++) {
        const occurred = new Date(start + (k * 13 + j) * 60_000).toISOString();
        genuine.push({
          kind: 'genuine',
          secret: SECRET,
          body: {
            event_id: `evt-${k}-${j}`,
            account_id: accountId,
            channel: 'voice',
            disposition: j % 3 === 2 ? 'busy' : j % 2 ? 'voicemail' : 'no_answer',
            occurred_at: occurred,
          },
        });
      }
    });
    expect(genuine).toHaveLength(850);
    const duplicates: Delivery[] = genuine
      .filter((_, i) => i % 8 === 0)
      .slice(0, 100)
      .map((d) => ({ ...d, kind: 'duplicate' }));
    const forged: Delivery[] = Array.from({ length: 50 }, (_, i) => ({
      kind: 'forged',
      secret: i % 2 ? 'a-forger-guessing-the-secret-000' : `${SECRET}x`,
      // Half forge new events, half try to change a genuine event's disposition to a conversation.
      body:
        i % 2
          ? {
              event_id: `forged-${i}`,
              account_id: accounts[i],
              channel: 'voice',
              disposition: 'conversation',
              occurred_at: new Date().toISOString(),
            }
          : { ...genuine[i * 3].body, event_id: `forged-${i}`, disposition: 'conversation' },
    }));
    const all = shuffle([...genuine, ...duplicates, ...forged]);
    expect(all).toHaveLength(1000);

    const answers: { kind: Delivery['kind']; eventId: string; status: number; duplicate?: boolean }[] = [];
    let next = 0;
    const sender = async () => {
      while (next < all.length) {
        const d = all[next++];
        const raw = JSON.stringify(d.body);
        const res = await http.request('POST', `/api/v1/webhooks/generic/${tenant.slug}`, {
          body: raw,
          headers: { 'x-floor-signature': signGeneric(d.secret, raw, Math.floor(Date.now() / 1000)) },
        });
        answers.push({
          kind: d.kind,
          eventId: d.body.event_id as string,
          status: res.status,
          duplicate: res.body?.duplicate,
        });
      }
    };
    await Promise.all(Array.from({ length: 16 }, sender));

    // Every forged one refused; each genuine event id stored exactly once (202), its twin answered as a duplicate.
    expect(answers.filter((a) => a.kind === 'forged').every((a) => a.status === 401)).toBe(true);
    const accepted = answers.filter((a) => a.status === 202);
    expect(accepted).toHaveLength(850);
    expect(new Set(accepted.map((a) => a.eventId)).size).toBe(850);
    const dupAnswers = answers.filter((a) => a.status === 200);
    expect(dupAnswers).toHaveLength(100);
    expect(dupAnswers.every((a) => a.duplicate === true)).toBe(true);

    await until(async () => {
      const [row] = await t.db.query(
        `SELECT count(*) FILTER (WHERE status = 'processed')::int AS done FROM webhook_delivery WHERE tenant_id = $1`,
        [tenant.id],
      );
      return row.done === 850 ? row : undefined;
    }, 120_000);
    const [inbox] = await t.db.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE event_id LIKE 'forged-%')::int AS forged FROM webhook_delivery WHERE tenant_id = $1`,
      [tenant.id],
    );
    expect(inbox).toEqual({ n: 850, forged: 0 });

    // The contact history holds exactly the genuine attempts, and the caps count exactly the counted ones.
    const rows: { account_id: string; total: number; counted: number; conversations: number }[] = await t.db.query(
      `SELECT account_id, count(*)::int AS total, count(*) FILTER (WHERE counted)::int AS counted, count(*) FILTER (WHERE outcome = 'conversation')::int AS conversations
         FROM contact_attempt WHERE tenant_id = $1 GROUP BY account_id`,
      [tenant.id],
    );
    expect(rows).toHaveLength(ACCOUNTS);
    for (const row of rows) {
      expect({ total: row.total, counted: row.counted }).toEqual(expected.get(row.account_id));
      expect(row.conversations).toBe(0);
    }

    // The gate reads the same history: 6 counted calls in 7 days still allow, 7 block (REG_F_7IN7).
    const check = (k: number) =>
      http.post(
        '/api/v1/compliance/contact-check',
        { tenant_id: tenant.slug, account_id: accounts[k], channel: 'voice', dial_mode: 'manual' },
        { apiKey: key },
      );
    const six = await check(5); // n = 9 → 6 counted
    const seven = await check(6); // n = 10 → 7 counted
    expect(expected.get(accounts[5])!.counted).toBe(6);
    expect(expected.get(accounts[6])!.counted).toBe(7);
    expect(six.body.reasons.map((r: { rule_id: string }) => r.rule_id)).not.toContain('REG_F_7IN7');
    expect(six.body.allowed).toBe(true);
    expect(seven.body.allowed).toBe(false);
    expect(seven.body.reasons.map((r: { rule_id: string }) => r.rule_id)).toContain('REG_F_7IN7');

    // Health shows what happened: 850 processed, 100 duplicates, 50 refusals by reason — beside the success
    // rate, which counts only deliveries that proved themselves (forgeries are anyone's to send).
    const health = await http.get('/api/v1/webhook-health', { cookie });
    expect(health.body).toMatchObject({ received: 850, processed: 850, failed: 0, duplicates: 100, refused: 50 });
    expect(health.body.success_rate).toBe(1);
    expect(health.body.refused_sources).toEqual([{ address: '127.0.0.1', count: 50 }]);
    expect(health.body.failures_by_reason).toEqual([{ kind: 'refused', reason: 'signature: mismatch', count: 50 }]);
  }, 240_000);
});
