import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses an identity provider may not live at: loopback, private, link-local, shared, documentation,
 * benchmarking, multicast and reserved ranges, IPv4 and IPv6. An issuer URL is typed by a tenant's
 * administrator and fetched by the API: without this check it could aim the API at its own network.
 */
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** Whether an IP address (v4, v6, or v4 mapped into v6) is on the public internet. */
export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPublicAddress(mapped[1]);
  const family = isIP(address);
  if (family === 0) return false;
  return !NOT_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Why an issuer URL cannot be used, or null. `allowHttp` (SSO_ALLOW_HTTP, local testing) allows http and loopback. */
export function issuerUrlProblem(value: string, allowHttp: boolean): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'The issuer must be a URL';
  }
  if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:')) return 'The issuer must be an https URL';
  if (url.username || url.password) return 'The issuer must not carry a user name or password';
  if (url.search || url.hash) return 'The issuer must not have a query or fragment';
  if (url.hostname === '') return 'The issuer must name a host';
  return null;
}

/** The largest document an identity provider may answer (discovery, keys, tokens are a few KiB). */
export const ISSUER_MAX_RESPONSE_BYTES = 1024 * 1024;

export class IssuerRefused extends Error {}

/**
 * The `fetch` the OpenID client uses: https only, every address the host resolves to must be public
 * (unless `allowHttp`), no redirects followed, and at most 1 MiB read from any answer. The address is
 * checked at each request, so a host that later resolves inward is refused then; a resolution that changes
 * between this check and the connection (DNS rebinding) remains possible and is documented in docs/sso.md.
 */
export function issuerFetch(allowHttp: boolean): (url: string, options: RequestInit) => Promise<Response> {
  return async (input, options) => {
    const url = new URL(input);
    const problem = issuerUrlProblem(`${url.origin}/`, allowHttp);
    if (problem) throw new IssuerRefused(problem.replace(/^The issuer/, 'the identity provider'));
    if (!allowHttp) {
      const host = url.hostname.replace(/^\[|\]$/g, '');
      const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true, verbatim: true });
      if (addresses.length === 0 || !addresses.every((entry) => isPublicAddress(entry.address))) {
        throw new IssuerRefused(
          `the identity provider's host ${url.hostname} does not resolve to public addresses only`,
        );
      }
    }
    const response = await fetch(url, { ...options, redirect: 'manual' });
    return new Response(await boundedBody(response), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

async function boundedBody(response: Response): Promise<Uint8Array | null> {
  if (!response.body) return null;
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > ISSUER_MAX_RESPONSE_BYTES) throw new IssuerRefused('the identity provider answered more than 1 MiB');
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > ISSUER_MAX_RESPONSE_BYTES) {
      await reader.cancel();
      throw new IssuerRefused('the identity provider answered more than 1 MiB');
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}
