import type { Attempt } from './types';

/** Rolling window of every frequency rule (docs/rules.md): 168 hours, the same in every zone. */
export const WINDOW_MS = 168 * 3_600_000;

/**
 * The attempts each frequency rule counts, as ascending instants inside the window that ends at `now`.
 * Checks at later instants (the `next_allowed_at` search) only ever see a subset of these: no attempt is
 * added by a blocked check, so one pass over the history serves them all.
 */
export interface HistoryDigest {
  /** REG_F_7IN7: voice attempts, except busy/failed. */
  readonly calls: number[];
  /** MA_2IN7: calls and texts, except busy/failed (voicemails and unanswered calls count). */
  readonly callsAndTexts: number[];
  /** WA_3PERWEEK and NYC_3IN7: every channel, except busy/failed. */
  readonly communications: number[];
  /** REG_F_POSTCONV: the latest telephone conversation (inbound calls included), or -Infinity. */
  readonly lastConversation: number;
}

export function digestHistory(
  history: readonly Attempt[],
  now: number,
  connectedCountsAsConversation: boolean,
): HistoryDigest {
  const since = now - WINDOW_MS;
  const calls: number[] = [];
  const callsAndTexts: number[] = [];
  const communications: number[] = [];
  let lastConversation = Number.NEGATIVE_INFINITY;
  for (const attempt of history) {
    // An attempt whose time cannot be read counts as made now (fail closed), rather than vanishing.
    const at = Number.isFinite(attempt.at) ? attempt.at : now;
    // Window is (now - 168 h, ...]: an attempt exactly 168 h old has left it. Attempts stamped after
    // `now` (clock skew between instances) count: stricter.
    if (at <= since) continue;
    const { channel, outcome } = attempt;
    if (
      channel === 'voice' &&
      (outcome === 'conversation' || (connectedCountsAsConversation && outcome === 'connected'))
    ) {
      if (at > lastConversation) lastConversation = at;
    }
    // An inbound call the consumer placed counts toward no cap; a conversation on it still starts the pause
    // (the pause follows any telephone conversation with the consumer, whoever placed the call).
    if (attempt.counted === false) continue;
    // busy and failed did not connect: they stop counting toward every cap (docs/rules.md "Facts the rules read").
    if (outcome === 'busy' || outcome === 'failed') continue;
    communications.push(at);
    if (channel === 'voice') {
      calls.push(at);
      callsAndTexts.push(at);
    } else if (channel === 'sms') callsAndTexts.push(at);
  }
  if (!isSorted(calls)) calls.sort(ascending);
  if (!isSorted(callsAndTexts)) callsAndTexts.sort(ascending);
  if (!isSorted(communications)) communications.sort(ascending);
  return { calls, callsAndTexts, communications, lastConversation };
}

function ascending(a: number, b: number): number {
  return a - b;
}

function isSorted(values: number[]): boolean {
  for (let i = 1; i < values.length; i++) if (values[i - 1]! > values[i]!) return false;
  return true;
}

/**
 * A cap at instant `t`: how many of `times` (ascending) are inside the window ending at `t`, and, when
 * that reaches `cap`, the instant the check passes by itself: when enough of the oldest counted attempts
 * have left the window that the count is below the cap (`times[first + count - cap] + 168 h`).
 */
export function capAt(times: readonly number[], t: number, cap: number): { count: number; until: number | null } {
  const since = t - WINDOW_MS;
  let first = 0;
  while (first < times.length && times[first]! <= since) first++;
  const count = times.length - first;
  if (count < cap) return { count, until: null };
  return { count, until: times[first + count - cap]! + WINDOW_MS };
}
