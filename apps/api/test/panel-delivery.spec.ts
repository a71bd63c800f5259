import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, TestApp } from './support/app';
import { gateTenant, makeCleanAccount } from './support/gate';
import { Http } from './support/http';

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One request over plain HTTP, the body as the bytes sent (fetch would decode it). */
function raw(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, baseUrl), { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const ASSET = 'assets/index-Cgnf7PN6.js';
// So small that compressing it gains nothing: the build writes no .br or .gz for it.
const TINY = 'assets/useNavigate-e5WngHf4.js';
// Big enough that compressing it pays.
const SCRIPT = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word number ${i}`))};\n`;
const PAGE = `<!doctype html><html><head><title>panel</title><script type="module" src="./${ASSET}"></script></head><body>${'<p>panel</p>'.repeat(200)}</body></html>`;

describe('the panel and the API, compressed and cached', () => {
  let t: TestApp;
  let panel = '';

  beforeAll(async () => {
    // A built panel as the build leaves it: each text file with its .br and .gz beside it.
    panel = mkdtempSync(join(tmpdir(), 'floor-panel-'));
    mkdirSync(join(panel, 'assets'));
    for (const [file, content] of [
      ['index.html', PAGE],
      [ASSET, SCRIPT],
    ]) {
      writeFileSync(join(panel, file), content);
      writeFileSync(join(panel, `${file}.br`), brotliCompressSync(content));
      writeFileSync(join(panel, `${file}.gz`), gzipSync(content));
    }
    writeFileSync(join(panel, TINY), 'export{};');
    t = await startApp({ ADMIN_DIST_DIR: panel });
  });
  afterAll(() => t?.close());

  it.each([
    ['br, gzip', 'br'],
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['gzip;q=1, br;q=0', 'gzip'],
  ])(
    'should send the hashed asset precompressed for Accept-Encoding "%s" (%s), cached for a year',
    async (accept, encoding) => {
      const answer = await raw(t.baseUrl, 'GET', `/${ASSET}`, { 'accept-encoding': accept });

      expect(answer.status).toBe(200);
      expect(answer.headers['content-encoding']).toBe(encoding);
      expect(answer.headers['content-type']).toMatch(/^(text|application)\/javascript/);
      expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(answer.headers.vary).toMatch(/accept-encoding/i);
      // The file written at build time, byte for byte: nothing is compressed for this request.
      const file = readFileSync(join(panel, `${ASSET}.${encoding === 'br' ? 'br' : 'gz'}`));
      expect(answer.body.equals(file)).toBe(true);
      expect(answer.headers['content-length']).toBe(String(file.length));
      const decoded = encoding === 'br' ? brotliDecompressSync(answer.body) : gunzipSync(answer.body);
      expect(decoded.toString()).toBe(SCRIPT);
    },
  );

  it('should send the asset as it is to a client that accepts no encoding, with the same cache header', async () => {
    const answer = await raw(t.baseUrl, 'GET', `/${ASSET}`);

    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(answer.body.toString()).toBe(SCRIPT);
  });

  it('should send a file the build left uncompressed as it is, without compressing it for the request', async () => {
    const answer = await raw(t.baseUrl, 'GET', `/${TINY}`, { 'accept-encoding': 'br, gzip' });

    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(answer.body.toString()).toBe('export{};');
  });

  it.each(['/', '/index.html'])('should send %s compressed and never cached without revalidation', async (path) => {
    const br = await raw(t.baseUrl, 'GET', path, { 'accept-encoding': 'br, gzip' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^text\/html/);
    expect(br.headers['cache-control']).toBe('no-cache');
    expect(br.body.equals(readFileSync(join(panel, 'index.html.br')))).toBe(true);
    expect(brotliDecompressSync(br.body).toString()).toBe(PAGE);

    const gzip = await raw(t.baseUrl, 'GET', path, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['cache-control']).toBe('no-cache');
    expect(gunzipSync(gzip.body).toString()).toBe(PAGE);

    const plain = await raw(t.baseUrl, 'GET', path);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe('no-cache');
    expect(plain.body.toString()).toBe(PAGE);
  });

  it('should answer 304 to a browser revalidating index.html with its ETag', async () => {
    const first = await raw(t.baseUrl, 'GET', '/index.html', { 'accept-encoding': 'br' });
    expect(first.headers.etag).toBeTruthy();

    const again = await raw(t.baseUrl, 'GET', '/index.html', {
      'accept-encoding': 'br',
      'if-none-match': String(first.headers.etag),
    });

    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('should compress large API answers by Accept-Encoding and leave small ones as they are', async () => {
    const docs = await raw(t.baseUrl, 'GET', '/api/docs-json', { 'accept-encoding': 'br, gzip' });
    expect(docs.status).toBe(200);
    expect(docs.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(docs.body).toString())).toHaveProperty('openapi');

    const gzip = await raw(t.baseUrl, 'GET', '/api/docs-json', { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.body).toString())).toHaveProperty('openapi');

    const plain = await raw(t.baseUrl, 'GET', '/api/docs-json');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(plain.body.toString())).toHaveProperty('openapi');

    // Under the 1 KiB threshold: sent as it is.
    const live = await raw(t.baseUrl, 'GET', '/health/live', { 'accept-encoding': 'br, gzip' });
    expect(live.status).toBe(200);
    expect(live.headers['content-encoding']).toBeUndefined();
  });

  it('should never compress the gate answer, whatever the dialer accepts, even one over the threshold', async () => {
    const http = new Http(t.baseUrl);
    const { tenant, key } = await gateTenant(t.db, http);
    // Blocked many times over: an answer long enough (reasons, statutes) that any other route would compress it.
    const account = await makeCleanAccount(t.db, tenant, {
      bankruptcyFlag: true,
      ceaseRequestedAt: new Date(),
      attorneyRepresented: true,
      disputeOpen: true,
      deceased: true,
      autodialConsent: false,
    });
    const body = JSON.stringify({ tenant_id: tenant.slug, account_id: account.accountId, channel: 'voice' });
    const headers = { 'content-type': 'application/json', 'x-api-key': key };

    for (const accept of ['br, gzip', 'gzip']) {
      const answer = await raw(
        t.baseUrl,
        'POST',
        '/api/v1/compliance/contact-check',
        { ...headers, 'accept-encoding': accept },
        body,
      );

      expect(answer.status).toBe(200);
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(answer.body.length).toBeGreaterThan(1024);
      expect(answer.headers.vary ?? '').not.toMatch(/accept-encoding/i);
      expect(JSON.parse(answer.body.toString())).toMatchObject({ allowed: false });
    }
  });
});
