import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { twilioSignature, verifyTwilioSignature } from './signatures';

const TOKEN = '12345';
const URL =
  'https://floor.example/api/v1/webhooks/twilio/acme-collections?audit_id=ccs_01M82KCAB4GR9QF1FEZJR027V1&account_id=ACC-1';
const PARAMS = {
  CallSid: 'CA1234567890ABCDE',
  CallStatus: 'busy',
  Caller: '+12349013030',
  From: '+12349013030',
  To: '+18005551212',
  SequenceNumber: '2',
};

describe('Twilio signatures', () => {
  it('should compute what the official twilio package computes', () => {
    expect(twilioSignature(TOKEN, URL, PARAMS)).toBe(twilio.getExpectedTwilioSignature(TOKEN, URL, PARAMS));
  });

  it('should accept a delivery signed by the official package, and the package should accept ours', () => {
    const signature = twilio.getExpectedTwilioSignature(TOKEN, URL, PARAMS);
    expect(verifyTwilioSignature(signature, URL, PARAMS, [TOKEN])).toEqual({ ok: true });
    expect(twilio.validateRequest(TOKEN, twilioSignature(TOKEN, URL, PARAMS), URL, PARAMS)).toBe(true);
  });

  it('should refuse one changed byte of a parameter, an added parameter, or another URL', () => {
    const signature = twilio.getExpectedTwilioSignature(TOKEN, URL, PARAMS);
    expect(verifyTwilioSignature(signature, URL, { ...PARAMS, CallStatus: 'bust' }, [TOKEN])).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyTwilioSignature(signature, URL, { ...PARAMS, Extra: '1' }, [TOKEN])).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyTwilioSignature(signature, URL.replace('ACC-1', 'ACC-2'), PARAMS, [TOKEN])).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyTwilioSignature(signature, URL, PARAMS, ['54321'])).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyTwilioSignature(undefined, URL, PARAMS, [TOKEN])).toEqual({ ok: false, reason: 'missing' });
  });
});

describe("Twilio's published test vectors", () => {
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';

  // twilio.com/docs/usage/security, "Validating signatures from Twilio".
  it('should compute the documented signature for the documented request', () => {
    const params = {
      CallSid: 'CA1234567890ABCDE',
      Caller: '+14158675310',
      Digits: '1234',
      From: '+14158675310',
      To: '+18005551212',
    };
    expect(twilioSignature('12345', url, params)).toBe('GvWf1cFY/Q7PnoempGyD5oXAezc=');
    expect(verifyTwilioSignature('GvWf1cFY/Q7PnoempGyD5oXAezc=', url, params, ['12345'])).toEqual({ ok: true });
  });

  // The vector twilio-node's own webhook tests use.
  it("should compute the official library's test signature", () => {
    const params = {
      CallSid: 'CA1234567890ABCDE',
      Caller: '+12349013030',
      Digits: '1234',
      From: '+12349013030',
      To: '+18005551212',
    };
    expect(twilioSignature('12345', url, params)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
    expect(
      verifyTwilioSignature('0/KCTR6DLpKmkAf8muzZqo1nDgQ=', url.replace('foo=1', 'foo=2'), params, ['12345']),
    ).toEqual({ ok: false, reason: 'mismatch' });
  });
});
