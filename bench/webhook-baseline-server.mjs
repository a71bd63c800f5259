// The webhook benchmark's baseline: a bare Fastify route that verifies the same X-Floor-Signature (HMAC-SHA256
// over `t.raw body`, 300 s window, constant-time) and stores the raw body with one parameterised `pg` INSERT.
// Started by bench/webhooks.mjs as a child process.
import Fastify from 'fastify';
import pg from 'pg';
import { createHmac, timingSafeEqual } from 'node:crypto';

const SECRET = process.env.WEBHOOK_SECRET;
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify({ logger: false });
app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));

function verified(header, raw) {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match || Math.abs(Date.now() / 1000 - Number(match[1])) > 300) return false;
  const expected = createHmac('sha256', SECRET).update(`${match[1]}.`).update(raw).digest();
  return timingSafeEqual(expected, Buffer.from(match[2], 'hex'));
}

app.post('/baseline/:tenant', async (request, reply) => {
  if (!verified(request.headers['x-floor-signature'], request.body))
    return reply.code(401).send({ error: 'bad signature' });
  await pool.query('INSERT INTO bench_webhook_baseline (tenant, raw_body) VALUES ($1, $2)', [
    request.params.tenant,
    request.body,
  ]);
  return reply.code(202).send({ accepted: true });
});

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.send?.('ready');
