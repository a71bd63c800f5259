import { describe, expect, it } from 'vitest';
import { decide, WINDOW_MS } from './index';
import type { Attempt, Decision } from './index';
import { attempt, HOUR, localTime, makeFacts, makeRequest, makeTenant } from './testing/factories';

const chicago = (day: number, hour: number, minute = 0) => localTime('America/Chicago', 2026, 3, day, hour, minute);

function check(at: number, history: Attempt[], facts = {}): Decision {
  return decide(makeFacts(facts), history, makeRequest(), at, {}, makeTenant());
}

describe('next_allowed_at when several time-based rules block', () => {
  it('should move to 08:00 the next morning when a cap lifts at night', () => {
    // 7 calls; the oldest was at 23:00 a week ago, so the cap lifts at 23:00 tonight, outside calling hours.
    const now = chicago(18, 12);
    const oldest = chicago(11, 23);
    const history = [attempt(oldest), ...Array.from({ length: 6 }, (_, i) => attempt(now - (i + 1) * HOUR))];

    const decision = check(now, history);

    expect(decision.findings.map((f) => f.rule_id)).toEqual(['REG_F_7IN7']);
    expect(oldest + WINDOW_MS).toBe(chicago(18, 23));
    expect(decision.next_allowed_at).toBe(chicago(19, 8));
  });

  it('should take the later of the cap and the window when both block now', () => {
    // 21:30: outside hours, and a conversation 20 h ago pauses calls until 01:30 a week later → 08:00.
    const now = chicago(18, 21, 30);
    const history = [attempt(now - 20 * HOUR, 'voice', 'conversation')];

    const decision = check(now, history);

    expect(decision.findings.map((f) => f.rule_id)).toEqual(['REG_F_POSTCONV', 'CALL_HOURS']);
    expect(decision.findings.every((f) => f.time_based)).toBe(true);
    expect(decision.next_allowed_at).toBe(chicago(25, 8));
  });

  it('should keep the cap instant when it falls inside calling hours', () => {
    const now = chicago(18, 21, 30);
    const conversation = chicago(12, 10, 15);

    const decision = check(now, [attempt(conversation, 'voice', 'conversation')]);

    // Hours alone would allow 08:00 on the 19th; the pause lasts until 10:15 on the 19th.
    expect(decision.next_allowed_at).toBe(chicago(19, 10, 15));
  });

  it('should give the first passing instant when the same check is repeated then', () => {
    const now = chicago(18, 22);
    const history = [
      attempt(chicago(11, 22, 30)),
      ...Array.from({ length: 6 }, (_, i) => attempt(now - (i + 1) * HOUR)),
    ];

    const next = check(now, history).next_allowed_at!;

    expect(check(next, history).allowed).toBe(true);
    expect(check(next - 1, history).allowed).toBe(false);
  });

  it('should give no next_allowed_at when a time-based block comes with another block', () => {
    const now = chicago(18, 22);

    expect(check(now, [], { attorney_represented: true }).next_allowed_at).toBeNull();
  });

  it('should give no next_allowed_at when the hours rule can never pass', () => {
    const now = chicago(18, 12);
    const history = Array.from({ length: 7 }, (_, i) => attempt(now - (i + 1) * HOUR));

    expect(check(now, history, { state: 'AA' }).next_allowed_at).toBeNull();
  });
});
