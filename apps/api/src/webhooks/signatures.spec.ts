import { describe, expect, it } from 'vitest';
import { signBody, signGeneric, verifyGenericSignature, verifyHmacOrToken } from './signatures';

const BODY =
  '{"event_id":"e1","account_id":"A-1","channel":"voice","disposition":"busy","occurred_at":"2026-11-22T10:00:00Z"}';
const NOW = 1_795_000_000;

describe('verifyGenericSignature', () => {
  it('should accept a signature made with the secret when it is fresh', () => {
    expect(verifyGenericSignature(signGeneric('s3cret', BODY, NOW), BODY, ['s3cret'], NOW)).toEqual({ ok: true });
  });

  it('should accept when the timestamp is 300 s old and refuse it at 301 s', () => {
    expect(verifyGenericSignature(signGeneric('s3cret', BODY, NOW - 300), BODY, ['s3cret'], NOW).ok).toBe(true);
    expect(verifyGenericSignature(signGeneric('s3cret', BODY, NOW - 301), BODY, ['s3cret'], NOW)).toEqual({
      ok: false,
      reason: 'stale',
    });
  });

  it('should refuse a timestamp more than 300 s in the future', () => {
    expect(verifyGenericSignature(signGeneric('s3cret', BODY, NOW + 301), BODY, ['s3cret'], NOW)).toEqual({
      ok: false,
      reason: 'future',
    });
  });

  it('should accept the new or the old secret while a key is rotated, and any of several v1 values', () => {
    expect(verifyGenericSignature(signGeneric('old', BODY, NOW), BODY, ['new', 'old'], NOW).ok).toBe(true);
    const both = `${signGeneric('new', BODY, NOW)},v1=${signGeneric('other', BODY, NOW).split('v1=')[1]}`;
    expect(verifyGenericSignature(both, BODY, ['new'], NOW).ok).toBe(true);
    expect(verifyGenericSignature(signGeneric('retired', BODY, NOW), BODY, ['new', 'old'], NOW)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
  });

  it('should refuse a missing header, a malformed one, a forged signature and a changed byte', () => {
    expect(verifyGenericSignature(undefined, BODY, ['s3cret'], NOW)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyGenericSignature('v1=abc', BODY, ['s3cret'], NOW)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyGenericSignature(`t=${NOW},v1=${'0'.repeat(64)}`, BODY, ['s3cret'], NOW)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(
      verifyGenericSignature(signGeneric('s3cret', BODY, NOW), BODY.replace('busy', 'bust'), ['s3cret'], NOW),
    ).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('should refuse everything when no secret is configured', () => {
    expect(verifyGenericSignature(signGeneric('', BODY, NOW), BODY, [], NOW)).toEqual({
      ok: false,
      reason: 'no_secret',
    });
  });
});

describe('verifyHmacOrToken (Five9, Convoso)', () => {
  const secret = 'five9-shared-secret-0001';
  const body = 'call_id=300000000123&disposition=Busy&account_id=A-1';

  it('should accept the hex HMAC-SHA256 of the raw body, bare or with a sha256= prefix', () => {
    expect(verifyHmacOrToken({ signature: signBody(secret, body) }, body, [secret])).toEqual({ ok: true });
    expect(verifyHmacOrToken({ signature: `sha256=${signBody(secret, body).toUpperCase()}` }, body, [secret])).toEqual({
      ok: true,
    });
  });

  it('should refuse a signature over another body or with another secret, and a malformed one', () => {
    expect(
      verifyHmacOrToken({ signature: signBody(secret, body) }, body.replace('Busy', 'No Answer'), [secret]),
    ).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyHmacOrToken({ signature: signBody('another-secret-000000', body) }, body, [secret])).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyHmacOrToken({ signature: 'abc' }, body, [secret])).toEqual({ ok: false, reason: 'malformed' });
  });

  it('should accept the shared token, and the previous secret during a rotation', () => {
    expect(verifyHmacOrToken({ token: secret }, body, [secret])).toEqual({ ok: true });
    expect(verifyHmacOrToken({ token: secret }, body, ['new-secret-0000000000', secret])).toEqual({ ok: true });
    expect(verifyHmacOrToken({ token: secret.slice(0, -1) }, body, [secret])).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyHmacOrToken({ token: `${secret}x` }, body, [secret])).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('should judge the signature, not the token, when both are sent', () => {
    expect(verifyHmacOrToken({ signature: '0'.repeat(64), token: secret }, body, [secret])).toEqual({
      ok: false,
      reason: 'mismatch',
    });
  });

  it('should refuse without proof or without a configured secret', () => {
    expect(verifyHmacOrToken({}, body, [secret])).toEqual({ ok: false, reason: 'missing' });
    expect(verifyHmacOrToken({ token: secret }, body, [])).toEqual({ ok: false, reason: 'no_secret' });
  });
});

// The worked examples in README.md, "Connecting a dialer": if these change, the README is wrong.
describe('README worked examples', () => {
  it('should match the Five9 body HMAC', () => {
    const body =
      'call_id=300000000123&disposition=No+Answer&number=2125550123&account_id=ACME-0001&agent=jdoe&length=0';
    expect(signBody('five9-example-secret-0001', body)).toBe(
      'a056012e4ece4fa1b836ac4b525895852d6b1c742c0e6287d9a05e8f04bda555',
    );
  });

  it('should match the Convoso body HMAC', () => {
    const body =
      '{"call_log_id":"981234","status":"NA","phone_number":"+12125550123","account_id":"ACME-0001","user":"agent7","length_in_sec":0}';
    expect(signBody('convoso-example-secret-0001', body)).toBe(
      '99a2cc227a2d3953ab04cbd9a1a7b87a94c37d43fd75ad1535e0e0c337eb0fe1',
    );
  });

  it('should match the generic X-Floor-Signature', () => {
    const body =
      '{"event_id":"evt-1","account_id":"ACME-0001","channel":"voice","disposition":"busy","occurred_at":"2026-11-22T15:00:00Z"}';
    expect(signGeneric('generic-example-secret-0001', body, 1795446000)).toBe(
      't=1795446000,v1=ba592220cff35ca1add641a85ca0b0af76c1edf138efe6f00091f8bec1652c1f',
    );
  });
});
