import { createHmac, timingSafeEqual } from 'node:crypto';

/** SPEC W2: deliveries older or newer than this are refused (replay window). */
export const GENERIC_WINDOW_SECONDS = 300;

export type SignatureCheck =
  { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'future' | 'mismatch' | 'no_secret' };

function safeEqualHex(a: string, b: string): boolean {
  if (a.length !== b.length || !/^[0-9a-f]+$/i.test(a)) return false;
  return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}

/**
 * `X-Floor-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]` where v1 = HMAC-SHA256(secret, `${t}.${raw body}`).
 * Any of several secrets may match (key rotation: old and new both configured); several `v1` values are
 * accepted (the sender signs with both during its own rotation). Constant-time comparison.
 */
export function verifyGenericSignature(
  header: string | undefined,
  rawBody: Buffer | string,
  secrets: string[],
  nowSeconds: number,
): SignatureCheck {
  if (secrets.length === 0) return { ok: false, reason: 'no_secret' };
  if (!header) return { ok: false, reason: 'missing' };
  let t: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) t = Number(value);
    else if (key === 'v1' && value) signatures.push(value.toLowerCase());
  }
  if (t === null || signatures.length === 0) return { ok: false, reason: 'malformed' };
  if (nowSeconds - t > GENERIC_WINDOW_SECONDS) return { ok: false, reason: 'stale' };
  if (t - nowSeconds > GENERIC_WINDOW_SECONDS) return { ok: false, reason: 'future' };
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody) : rawBody;
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');
    if (signatures.some((candidate) => safeEqualHex(candidate, expected))) return { ok: true };
  }
  return { ok: false, reason: 'mismatch' };
}

/** What a sender computes, for tests and for vendors' documentation. */
export function signGeneric(secret: string, rawBody: string, t: number): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex')}`;
}

/**
 * `X-Twilio-Signature` exactly as Twilio computes it: base64 HMAC-SHA1 with the account's auth token over
 * the full URL (as configured behind `PUBLIC_BASE_URL`, query included) followed by every POST parameter,
 * sorted by name, as name + value. Constant-time comparison.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string | string[]>): string {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name];
    for (const item of Array.isArray(value) ? [...value].sort() : [value]) data += name + item;
  }
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

export function verifyTwilioSignature(
  header: string | undefined,
  url: string,
  params: Record<string, string | string[]>,
  authTokens: string[],
): SignatureCheck {
  if (authTokens.length === 0) return { ok: false, reason: 'no_secret' };
  if (!header) return { ok: false, reason: 'missing' };
  const given = Buffer.from(header);
  for (const token of authTokens) {
    const expected = Buffer.from(twilioSignature(token, url, params));
    if (expected.length === given.length && timingSafeEqual(expected, given)) return { ok: true };
  }
  return { ok: false, reason: 'mismatch' };
}

/**
 * Five9 and Convoso document no signing of their own (SPEC W2: "the HMAC scheme configured for that vendor
 * card"). Either of two proofs is accepted, checked against every secret of the card (current and previous):
 * - `X-Signature-SHA256: <hex>` (or `sha256=<hex>`) = HMAC-SHA256(secret, raw body), for a relay or
 *   middleware that can sign;
 * - the shared secret itself as a token, in `X-Floor-Token` or the `token` query parameter, for the vendors'
 *   own webhook tools (Five9 Web Connector, Convoso Connect), which can add a URL parameter or header but
 *   not compute an HMAC. The token is compared in constant time and never logged (the access log keeps the
 *   path only, headers are redacted).
 * A body HMAC has no timestamp, so it does not stop a replay: the inbox's dedupe on the vendor's call id does
 * (a replayed delivery answers `duplicate: true` and changes nothing).
 */
export function verifyHmacOrToken(
  proof: { signature?: string; token?: string },
  rawBody: Buffer | string,
  secrets: string[],
): SignatureCheck {
  if (secrets.length === 0) return { ok: false, reason: 'no_secret' };
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody) : rawBody;
  if (proof.signature) {
    const given = proof.signature
      .trim()
      .replace(/^sha256=/i, '')
      .toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(given)) return { ok: false, reason: 'malformed' };
    for (const secret of secrets) {
      if (safeEqualHex(given, createHmac('sha256', secret).update(body).digest('hex'))) return { ok: true };
    }
    return { ok: false, reason: 'mismatch' };
  }
  if (proof.token) {
    // Hash both sides first so the comparison is constant-time whatever the lengths.
    const given = createHmac('sha256', 'floor-token').update(proof.token).digest();
    for (const secret of secrets) {
      if (timingSafeEqual(given, createHmac('sha256', 'floor-token').update(secret).digest())) return { ok: true };
    }
    return { ok: false, reason: 'mismatch' };
  }
  return { ok: false, reason: 'missing' };
}

/** What a signing relay computes for Five9 or Convoso deliveries. */
export function signBody(secret: string, rawBody: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}
