import type { QueueItemView } from '@floor-os/contracts';
import { describe, expect, it } from 'vitest';
import { nextAllowedText } from './queueColumns';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const LATER = '2026-12-06T15:00:00Z';
const EARLIER = '2026-12-06T09:00:00Z';

function row(allowed: boolean | null, next: string | null): Pick<QueueItemView, 'next_allowed_at' | 'last_decision'> {
  return {
    next_allowed_at: next,
    last_decision:
      allowed === null
        ? null
        : {
            audit_id: 'a',
            decided_at: EARLIER,
            allowed,
            would_block: !allowed || next !== null,
            next_allowed_at: next,
          },
  };
}

describe("the queues' Next allowed column", () => {
  it('says now when nothing was decided or nothing blocks, and when the time has passed', () => {
    expect(nextAllowedText(row(null, null), NOW)).toBe('now');
    expect(nextAllowedText(row(true, null), NOW)).toBe('now');
    expect(nextAllowedText(row(false, EARLIER), NOW)).toBe('now');
  });

  it('gives the time a rule reopens an enforced block, and "not while blocked" for a block with no end', () => {
    expect(nextAllowedText(row(false, LATER), NOW)).not.toMatch(/^now/);
    expect(nextAllowedText(row(false, null), NOW)).toBe('not while blocked');
  });

  it('in shadow mode (would block, allowed) says now, with the time enforcement would hold it to', () => {
    const text = nextAllowedText(row(true, LATER), NOW);
    expect(text).toMatch(/^now \(enforced: .+\)$/);
    expect(text).toContain(nextAllowedText(row(false, LATER), NOW));
  });
});
