/**
 * The pilot's targets (SPEC P4): webhook delivery success ≥ 99.5 %, gate latency p95 ≤ 120 ms. Rates are
 * shares (0…1), as everywhere on the wire.
 */
export const WEBHOOK_SUCCESS_TARGET = 0.995;
export const LATENCY_P95_TARGET_MS = 120;

export interface Verdict {
  /** null when there is nothing to judge. */
  met: boolean | null;
  text: string;
}

/** A target given as a percentage (99.5) is read as the share it means (0.995). */
export function asShare(value: number): number {
  return value > 1 ? value / 100 : value;
}

export function successVerdict(rate: number | null | undefined, target = WEBHOOK_SUCCESS_TARGET): Verdict {
  if (rate == null || !Number.isFinite(rate)) return { met: null, text: 'no deliveries to judge' };
  return rate >= asShare(target) ? { met: true, text: '✓ met' } : { met: false, text: '✗ below target' };
}

export function latencyVerdict(p95: number | null | undefined, target = LATENCY_P95_TARGET_MS): Verdict {
  if (p95 == null || !Number.isFinite(p95)) return { met: null, text: 'no gate calls to judge' };
  return p95 <= target ? { met: true, text: '✓ within target' } : { met: false, text: '✗ over target' };
}

export function throughputVerdict(value: number | null | undefined, baseline: number | null | undefined): Verdict {
  if (baseline == null || !Number.isFinite(baseline) || baseline <= 0)
    return { met: null, text: 'no baseline entered' };
  if (value == null || !Number.isFinite(value)) return { met: null, text: 'no queue work to judge' };
  return value >= baseline ? { met: true, text: '✓ at or above baseline' } : { met: false, text: '✗ below baseline' };
}
