import { describe, expect, it } from 'vitest';
import { buildDecision, type DecisionCheck, type DecisionParts } from './decision-record';
import { ACCOUNT_NOT_FOUND, GATE_UNAVAILABLE } from './engine';
import type { Finding } from './types';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const check: DecisionCheck = {
  tenantId: 't-1',
  accountId: 'A-1',
  channel: 'voice',
  dialMode: 'manual',
  agentId: 'agent-7',
  phoneNumber: '+12125550123',
  source: 'api',
  principalId: 'key-1',
};
const cap: Finding = {
  rule_id: 'REG_F_7IN7',
  severity: 'block',
  statute: '12 CFR 1006.14(b)(2)',
  message: '7 calls in 7 days',
  time_based: true,
};
const warn: Finding = {
  rule_id: 'TIME_BARRED',
  severity: 'warn',
  statute: '12 CFR 1006.26',
  message: 'time-barred debt',
  time_based: false,
};
const parts = (over: Partial<DecisionParts> = {}): DecisionParts => ({
  auditId: 'ccs_1',
  now: NOW,
  ttlMs: 60_000,
  mode: 'enforce',
  findings: [],
  statutes: [],
  nextAllowedAt: null,
  facts: { state: 'NY' },
  phoneNumber: '+12125550123',
  isTest: false,
  source: 'api',
  ...over,
});

describe('the decision record and the answer, built together', () => {
  it('should allow with no block and record the pending attempt the caps count', () => {
    const { answer, record } = buildDecision(check, parts({ findings: [warn] }));
    expect(answer).toEqual({
      allowed: true,
      reasons: [{ rule_id: 'TIME_BARRED', severity: 'warn', statute: '12 CFR 1006.26', message: 'time-barred debt' }],
      statutes: [],
      audit_id: 'ccs_1',
      expires_at: '2026-12-06T12:01:00.000Z',
      mode: 'enforce',
    });
    expect(record).toEqual({
      audit_id: 'ccs_1',
      created_at: '2026-12-06T12:00:00.000Z',
      tenant_id: 't-1',
      account_id: 'A-1',
      channel: 'voice',
      dial_mode: 'manual',
      agent_id: 'agent-7',
      phone_number: '+12125550123',
      allowed: true,
      would_block: false,
      mode: 'enforce',
      rule_ids: [],
      statutes: [],
      findings: [warn],
      facts: { state: 'NY' },
      next_allowed_at: null,
      expires_at: '2026-12-06T12:01:00.000Z',
      source: 'api',
      principal_id: 'key-1',
      is_test: false,
      initiated_by: 'collector',
      attempt: true,
      latency_ms: 0,
    });
  });

  it('should block in enforce mode, naming the blocking rules and when the contact may next be tried', () => {
    const next = NOW + 3_600_000;
    const { answer, record } = buildDecision(
      check,
      parts({ findings: [cap, warn], statutes: [cap.statute], nextAllowedAt: next }),
    );
    expect(answer).toMatchObject({
      allowed: false,
      statutes: [cap.statute],
      next_allowed_at: '2026-12-06T13:00:00.000Z',
    });
    expect(answer).not.toHaveProperty('would_block');
    expect(record).toMatchObject({
      allowed: false,
      would_block: true,
      rule_ids: ['REG_F_7IN7'],
      next_allowed_at: '2026-12-06T13:00:00.000Z',
      attempt: false,
    });
  });

  it('should allow in shadow mode and say enforce would have blocked; the attempt is recorded (the dialer will dial)', () => {
    const { answer, record } = buildDecision(
      check,
      parts({ mode: 'shadow', findings: [cap], statutes: [cap.statute], nextAllowedAt: NOW + 1000 }),
    );
    expect(answer).toMatchObject({
      allowed: true,
      would_block: true,
      mode: 'shadow',
      next_allowed_at: '2026-12-06T12:00:01.000Z',
    });
    expect(record).toMatchObject({ allowed: true, would_block: true, attempt: true });
    expect(buildDecision(check, parts({ mode: 'shadow' })).answer.would_block).toBe(false);
  });

  it('should give no next time when nothing blocks, and record no attempt for a payment or the smoke-test account', () => {
    expect(buildDecision(check, parts({ nextAllowedAt: NOW + 1000 })).answer).not.toHaveProperty('next_allowed_at');
    expect(buildDecision({ ...check, channel: 'payment' }, parts()).record.attempt).toBe(false);
    expect(buildDecision(check, parts({ isTest: true })).record).toMatchObject({
      allowed: true,
      is_test: true,
      attempt: false,
    });
    expect(buildDecision({ ...check, initiatedBy: 'consumer' }, parts()).record.initiated_by).toBe('consumer');
  });

  it('should record an unknown account as a block without facts', () => {
    const { answer, record } = buildDecision(
      check,
      parts({ findings: [ACCOUNT_NOT_FOUND], statutes: [ACCOUNT_NOT_FOUND.statute], facts: null }),
    );
    expect(answer.allowed).toBe(false);
    expect(record).toMatchObject({ rule_ids: [ACCOUNT_NOT_FOUND.rule_id], facts: null, attempt: false });
  });

  it('should build the fail-closed answer spooled in the same shape: closed in enforce, open in shadow', () => {
    const failed = (mode: 'enforce' | 'shadow') =>
      buildDecision(
        check,
        parts({
          mode,
          findings: [GATE_UNAVAILABLE],
          statutes: [GATE_UNAVAILABLE.statute],
          facts: { cause: 'timeout' },
          source: 'spool',
        }),
      );
    const closed = failed('enforce');
    expect(closed.answer).toEqual({
      allowed: false,
      reasons: [
        {
          rule_id: 'GATE_UNAVAILABLE',
          severity: 'block',
          statute: GATE_UNAVAILABLE.statute,
          message: GATE_UNAVAILABLE.message,
        },
      ],
      statutes: [GATE_UNAVAILABLE.statute],
      audit_id: 'ccs_1',
      expires_at: '2026-12-06T12:01:00.000Z',
      mode: 'enforce',
    });
    expect(closed.record).toMatchObject({
      allowed: false,
      would_block: true,
      rule_ids: ['GATE_UNAVAILABLE'],
      source: 'spool',
      next_allowed_at: null,
      attempt: false,
    });
    const open = failed('shadow');
    expect(open.answer).toMatchObject({ allowed: true, would_block: true });
    expect(open.record).toMatchObject({ allowed: true, would_block: true, attempt: true });
  });
});
