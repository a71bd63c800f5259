import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  ISSUER_MAX_RESPONSE_BYTES,
  issuerFetch,
  issuerUrlProblem,
  isPublicAddress,
} from '../src/auth/sso/issuer-fetch';

/** The guard in front of every request to an identity provider (decided detail 33). */
describe('identity provider addresses', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '198.18.0.1',
    '192.0.2.1',
    '::1',
    '::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '2001:db8::1',
    'not-an-address',
    '',
  ])('should not take %s for a public address', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '192.169.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'should take %s for a public address',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );

  it('should accept https issuers only, without credentials, query or fragment, unless http is allowed', () => {
    expect(issuerUrlProblem('https://login.example.com/tenant-1', false)).toBeNull();
    expect(issuerUrlProblem('http://login.example.com', false)).toBe('The issuer must be an https URL');
    expect(issuerUrlProblem('http://127.0.0.1:4000', true)).toBeNull();
    expect(issuerUrlProblem('ftp://login.example.com', true)).toBe('The issuer must be an https URL');
    expect(issuerUrlProblem('https://user:pass@login.example.com', false)).toMatch(/user name or password/);
    expect(issuerUrlProblem('https://login.example.com/?x=1', false)).toMatch(/query or fragment/);
    expect(issuerUrlProblem('https://login.example.com/#x', false)).toMatch(/query or fragment/);
    expect(issuerUrlProblem('not a url', false)).toBe('The issuer must be a URL');
  });

  it('should refuse loopback and private hosts before connecting, and http, when http is not allowed', async () => {
    const guarded = issuerFetch(false);
    await expect(guarded('https://127.0.0.1:9/.well-known/openid-configuration', {})).rejects.toThrow(
      /public addresses only/,
    );
    await expect(guarded('https://localhost:9/.well-known/openid-configuration', {})).rejects.toThrow(
      /public addresses only/,
    );
    await expect(guarded('https://[::1]:9/x', {})).rejects.toThrow(/public addresses only/);
    await expect(guarded('http://8.8.8.8/x', {})).rejects.toThrow(/https/);
  });

  it('should read at most 1 MiB of an answer and follow no redirect', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/big') {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 32);
        let sent = 0;
        const more = () => {
          while (sent < ISSUER_MAX_RESPONSE_BYTES * 2) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', more);
          }
          res.end();
        };
        more();
      } else if (req.url === '/moved') {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end();
      } else {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      }
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const local = issuerFetch(true);
      expect(await (await local(`${base}/small`, {})).json()).toEqual({ ok: true });
      await expect(local(`${base}/big`, {})).rejects.toThrow(/more than 1 MiB/);
      const moved = await local(`${base}/moved`, {});
      expect(moved.status).toBe(302);
    } finally {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
  });
});
