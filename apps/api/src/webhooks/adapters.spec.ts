import { describe, expect, it } from 'vitest';
import {
  convosoOutcome,
  five9Outcome,
  genericOutcome,
  isOptOutMessage,
  outcomeProblems,
  twilioOutcome,
} from './adapters';

const NOW = new Date('2026-11-22T15:00:00.000Z');
const AUDIT = 'ccs_01KAQ9Z3N5V8W2Y4B6C8D0E2F4';

describe('opt-out words', () => {
  it.each([
    'STOP',
    'stop',
    ' Stop ',
    'QUIT',
    'END',
    'REVOKE',
    'OPT OUT',
    'opt-out',
    'OPTOUT',
    'CANCEL',
    'UNSUBSCRIBE',
    'stop.',
    'STOP!',
  ])('should read %j as an opt-out', (text) => {
    expect(isOptOutMessage(text)).toBe(true);
  });
  it.each(['stop calling me at work', 'please stop', 'STOPPED', 'ok', '', null, 42])(
    'should not read %j as an opt-out',
    (text) => {
      expect(isOptOutMessage(text)).toBe(false);
    },
  );
});

describe('generic outcome', () => {
  const base = {
    event_id: 'e1',
    account_id: 'A-1',
    channel: 'sms',
    disposition: 'connected',
    occurred_at: NOW.toISOString(),
  };

  it('should normalise the phone and turn a STOP message into an opt-out', () => {
    expect(genericOutcome({ ...base, phone_number: '(212) 555-0123', message: 'STOP' })).toMatchObject({
      phone_number: '+12125550123',
      disposition: 'opt_out',
    });
    expect(genericOutcome(base)).toMatchObject({ disposition: 'connected' });
  });

  it('should name every problem of a bad body', () => {
    expect(
      outcomeProblems({
        ...base,
        disposition: 'teleported',
        channel: 'fax',
        occurred_at: 'yesterday',
        audit_id: 'x',
        phone_number: '12',
      }),
    ).toEqual([
      'channel must be voice, sms, email or payment',
      'disposition must be one of no_answer, voicemail, busy, failed, connected, conversation, opt_out',
      'occurred_at must be an ISO time',
      'audit_id must be a ccs_ id',
      'phone_number is not a valid phone number',
    ]);
    expect(outcomeProblems([])).toEqual(['body must be a JSON object']);
  });

  it('should let only an opt-out with a phone number omit the account', () => {
    const { account_id: _omit, ...noAccount } = base;
    expect(outcomeProblems({ ...noAccount, disposition: 'opt_out', phone_number: '+12125550123' })).toEqual([]);
    expect(outcomeProblems({ ...noAccount, disposition: 'opt_out' })[0]).toMatch(/account_id is required/);
    expect(outcomeProblems({ ...noAccount, disposition: 'busy', phone_number: '+12125550123' })[0]).toMatch(
      /account_id is required/,
    );
  });
});

describe('Twilio mapping (decided detail 5)', () => {
  const call = (CallStatus: string, extra: Record<string, string> = {}) =>
    twilioOutcome(
      { CallSid: 'CA1', CallStatus, To: '+12125550123', ...extra },
      { account_id: 'A-1', audit_id: AUDIT },
      NOW,
    );

  it.each([
    ['busy', {}, 'busy'],
    ['failed', {}, 'failed'],
    ['canceled', {}, 'failed'],
    ['no-answer', {}, 'no_answer'],
    ['completed', { AnsweredBy: 'human' }, 'connected'],
    ['completed', {}, 'connected'],
    ['completed', { AnsweredBy: 'machine_end_beep' }, 'voicemail'],
    ['completed', { AnsweredBy: 'machine_start' }, 'voicemail'],
  ])('should map CallStatus %s %j to %s', (status, extra, disposition) => {
    expect(call(status, extra)).toMatchObject({
      disposition,
      channel: 'voice',
      account_id: 'A-1',
      audit_id: AUDIT,
      phone_number: '+12125550123',
    });
  });

  it('should carry no outcome for in-progress states', () => {
    for (const status of ['queued', 'ringing', 'in-progress', 'initiated'])
      expect(call(status)).toEqual({ error: `status ${status} carries no outcome` });
  });

  it('should key calls on CallSid + CallStatus (+ SequenceNumber) and messages on MessageSid + MessageStatus', () => {
    expect(call('busy', { SequenceNumber: '3' })).toMatchObject({ event_id: 'CA1:busy:3' });
    expect(call('busy')).toMatchObject({ event_id: 'CA1:busy' });
    expect(
      twilioOutcome(
        { MessageSid: 'SM1', MessageStatus: 'undelivered', To: '+12125550123' },
        { account_id: 'A-1' },
        NOW,
      ),
    ).toMatchObject({ event_id: 'SM1:undelivered', channel: 'sms', disposition: 'failed' });
  });

  it("should take an inbound STOP as an opt-out of the sender's number, with or without an account", () => {
    const inbound = {
      MessageSid: 'SM2',
      SmsStatus: 'received',
      Body: 'Stop',
      From: '+12125550123',
      To: '+18005551212',
    };
    expect(twilioOutcome(inbound, {}, NOW)).toEqual({
      event_id: 'SM2:received',
      channel: 'sms',
      disposition: 'opt_out',
      occurred_at: NOW.toISOString(),
      phone_number: '+12125550123',
      inbound: true,
      message: 'Stop',
    });
    expect(twilioOutcome({ ...inbound, Body: 'call me later' }, {}, NOW)).toEqual({
      error: 'an inbound message that is not an opt-out carries no outcome',
    });
  });

  it('should require the account for anything but an inbound opt-out', () => {
    expect(twilioOutcome({ CallSid: 'CA1', CallStatus: 'busy' }, {}, NOW)).toEqual({
      error: 'account_id must be a query parameter of the status callback URL',
    });
    expect(twilioOutcome({ Foo: 'bar' }, { account_id: 'A-1' }, NOW)).toEqual({
      error: 'a Twilio call or message status callback was expected',
    });
  });
});

describe('Five9 Web Connector mapping', () => {
  const post = (disposition: string, extra: Record<string, unknown> = {}) =>
    five9Outcome(
      {
        call_id: '300000000123',
        disposition,
        number: '2125550123',
        account_id: 'A-1',
        audit_id: AUDIT,
        agent: 'jdoe@acme',
        timestamp: '2026-11-22T14:59:00Z',
        length: '42',
        ...extra,
      },
      NOW,
    );

  it.each([
    ['No Answer', 'no_answer'],
    ['Busy', 'busy'],
    ['Answering Machine', 'voicemail'],
    ['Operator Intercept', 'failed'],
    ['Abandon', 'failed'],
    ['Right Party Contact', 'conversation'],
    ['Promise To Pay', 'conversation'],
    ['Do Not Call', 'opt_out'],
    ['conversation', 'conversation'],
    ['Some Custom Disposition', 'connected'],
  ])('should map %s to %s', (name, disposition) => {
    expect(post(name)).toMatchObject({ disposition });
  });

  it('should normalise the whole delivery, keyed on call id + disposition', () => {
    expect(post('Busy')).toEqual({
      event_id: '300000000123:Busy',
      audit_id: AUDIT,
      account_id: 'A-1',
      channel: 'voice',
      phone_number: '+12125550123',
      disposition: 'busy',
      occurred_at: '2026-11-22T14:59:00.000Z',
      duration_seconds: 42,
      agent_id: 'jdoe@acme',
    });
  });

  it('should refuse a delivery without call id, disposition or account', () => {
    expect(five9Outcome({ disposition: 'Busy', account_id: 'A-1' }, NOW)).toEqual({ error: 'call_id is required' });
    expect(five9Outcome({ call_id: '1', account_id: 'A-1' }, NOW)).toEqual({ error: 'disposition is required' });
    expect(post('Busy', { account_id: '' })).toMatchObject({ error: expect.stringMatching(/account_id is required/) });
  });
});

describe('Convoso Connect mapping', () => {
  const post = (status: string, extra: Record<string, unknown> = {}) =>
    convosoOutcome(
      {
        call_log_id: '981234',
        status,
        phone_number: '+12125550123',
        account_id: 'A-1',
        user: 'agent7',
        call_date: '2026-11-22 09:59:00 -0500',
        length_in_sec: 17,
        ...extra,
      },
      NOW,
    );

  it.each([
    ['NA', 'no_answer'],
    ['B', 'busy'],
    ['A', 'voicemail'],
    ['AA', 'voicemail'],
    ['DC', 'failed'],
    ['RPC', 'conversation'],
    ['dnc', 'opt_out'],
    ['XYZ', 'connected'],
  ])('should map status %s to %s', (status, disposition) => {
    expect(post(status)).toMatchObject({
      disposition,
      event_id: '981234',
      channel: 'voice',
      agent_id: 'agent7',
      duration_seconds: 17,
    });
  });

  it('should fall back to now for a time it cannot read, and refuse a delivery without call-log id', () => {
    expect(post('B', { call_date: 'not a date' })).toMatchObject({ occurred_at: NOW.toISOString() });
    expect(convosoOutcome({ status: 'B', account_id: 'A-1' }, NOW)).toEqual({ error: 'call_log_id is required' });
  });
});
