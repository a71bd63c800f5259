// The benchmark's baseline: a bare Fastify route doing one parameterised INSERT per request with `pg`
// into a table of the decision log's shape. Started by bench/gate.mjs as a child process.
import Fastify from 'fastify';
import pg from 'pg';
import { randomUUID } from 'node:crypto';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify({ logger: false });
const SQL = `INSERT INTO bench_baseline_log (audit_id, created_at, tenant_id, account_id, channel, dial_mode, agent_id, phone_number,
  allowed, would_block, mode, rule_ids, statutes, findings, facts, next_allowed_at, expires_at, latency_ms, source, principal_id, is_test)
  VALUES ($1, now(), $2, $3, $4, 'automated', NULL, NULL, true, false, 'enforce', '{}', '{}', '[]', $5, NULL, now() + interval '5 minutes', 0, 'api', NULL, false)`;

app.post('/baseline', async (request) => {
  const body = request.body;
  await pool.query(SQL, [
    `ccs_${randomUUID()}`,
    body.tenant_id,
    body.account_id,
    body.channel,
    JSON.stringify({ account_id: body.account_id }),
  ]);
  return { allowed: true };
});

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.send?.('ready');
