import { describe, expect, it } from 'vitest';
import { activeUsersByCluster, type SignInEvent } from './active-users';
import { weekBounds } from './time';

const WEEK = weekBounds('2026-03-02', 'America/New_York'); // 2026-03-02T05:00Z to 2026-03-09T04:00Z
const inWeek = Date.parse('2026-03-04T15:00:00Z');

function signIn(user_id: string, personas: string[], at = inWeek): SignInEvent {
  return { user_id, personas, at };
}

describe('activeUsersByCluster', () => {
  it('should count distinct users per cluster, a user with personas in two clusters in each', () => {
    const events = [
      signIn('u-officer', ['compliance_officer']),
      signIn('u-officer', ['compliance_officer'], inWeek + 3_600_000),
      signIn('u-director', ['compliance_director', 'executive']),
      signIn('u-manager', ['manager', 'tenant_admin']),
      signIn('u-agent', ['agent']),
      signIn('u-it', ['it', 'hr']),
    ];
    expect(activeUsersByCluster(events, WEEK)).toEqual({ compliance: 2, operations: 3, support: 2 });
  });

  it('should count a user whose personas changed between sign-ins in every cluster they held', () => {
    expect(activeUsersByCluster([signIn('u-1', ['agent']), signIn('u-1', ['it'])], WEEK)).toEqual({
      compliance: 0,
      operations: 1,
      support: 1,
    });
  });

  it('should count sign-ins from the window’s start up to, not including, its end (local week, DST included)', () => {
    const events = [
      signIn('u-first', ['agent'], WEEK.from),
      signIn('u-end', ['agent'], WEEK.to),
      signIn('u-before', ['agent'], WEEK.from - 1),
      signIn('u-last', ['agent'], WEEK.to - 1),
    ];
    expect(activeUsersByCluster(events, WEEK).operations).toBe(2);
  });

  it('should count platform operators and unknown personas nowhere', () => {
    const events = [
      signIn('u-op', ['platform_operator']),
      signIn('u-x', ['__proto__', 'constructor', 'toString', 'Agent', '']),
      signIn('u-y', [5 as unknown as string]),
    ];
    expect(activeUsersByCluster(events, WEEK)).toEqual({ compliance: 0, operations: 0, support: 0 });
    expect(activeUsersByCluster([], WEEK)).toEqual({ compliance: 0, operations: 0, support: 0 });
  });

  it('should refuse malformed events and windows', () => {
    expect(() => activeUsersByCluster([{ user_id: 7 as unknown as string, personas: [], at: inWeek }], WEEK)).toThrow(
      RangeError,
    );
    expect(() =>
      activeUsersByCluster([{ user_id: 'u', personas: 'agent' as unknown as string[], at: inWeek }], WEEK),
    ).toThrow(RangeError);
    expect(() => activeUsersByCluster([signIn('u', ['agent'], Number.NaN)], WEEK)).toThrow(RangeError);
    expect(() => activeUsersByCluster([], { from: Number.NaN, to: 0 })).toThrow(RangeError);
  });
});
