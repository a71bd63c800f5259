/**
 * The onboarding retrospective (SPEC O5), pure: completed onboardings grouped by the quarter or month they
 * completed in. Days are fractional days; on-hold time (steps blocked) is left out of totals and step
 * durations. Medians and p75 use linear interpolation between ranks; an empty set gives null.
 */

export interface RetroStep {
  key: string;
  title: string;
  /** Planned day (offset from the checklist's start). */
  dayOffset: number;
  startedAt: number | null;
  completedAt: number | null;
  heldMs: number;
}

export interface RetroOnboarding {
  tenant: string;
  startedAt: number;
  completedAt: number;
  steps: RetroStep[];
  firstGateCallAt: number | null;
  firstImportAt: number | null;
  /** When the tenant went live (the go-live step, or go/no-go for the pilot runbook). */
  goLiveAt: number | null;
}

export interface RetroPeriod {
  period: string;
  count: number;
  median_total_days: number | null;
  p75_total_days: number | null;
  median_days_to_first_gate_call: number | null;
  median_days_to_first_import: number | null;
  median_days_to_go_live: number | null;
  median_days_per_step: Record<string, number>;
  /** The step whose median completion lands furthest beyond its planned day. */
  slipping_step: { key: string; title: string; median_days_late: number } | null;
}

const DAY = 86_400_000;

export function quantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * q;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

const round = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);

export function periodOf(at: number, groupBy: 'quarter' | 'month'): string {
  const d = new Date(at);
  const y = d.getUTCFullYear();
  return groupBy === 'quarter'
    ? `${y}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`
    : `${y}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function retrospective(onboardings: RetroOnboarding[], groupBy: 'quarter' | 'month'): RetroPeriod[] {
  const groups = new Map<string, RetroOnboarding[]>();
  for (const o of onboardings) {
    const key = periodOf(o.completedAt, groupBy);
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(o);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([period, list]) => {
      const since = (o: RetroOnboarding, at: number | null) => (at === null ? null : (at - o.startedAt) / DAY);
      const totals = list.map((o) => (o.completedAt - o.startedAt - o.steps.reduce((n, s) => n + s.heldMs, 0)) / DAY);
      const present = (values: (number | null)[]) => values.filter((v): v is number => v !== null);
      const perStep = new Map<string, { title: string; durations: number[]; late: number[] }>();
      for (const o of list) {
        for (const s of o.steps) {
          if (s.completedAt === null) continue;
          const entry =
            perStep.get(s.key) ?? perStep.set(s.key, { title: s.title, durations: [], late: [] }).get(s.key)!;
          if (s.startedAt !== null) entry.durations.push((s.completedAt - s.startedAt - s.heldMs) / DAY);
          entry.late.push((s.completedAt - o.startedAt) / DAY - s.dayOffset);
        }
      }
      let slipping: RetroPeriod['slipping_step'] = null;
      for (const [key, entry] of perStep) {
        const late = quantile(entry.late, 0.5)!;
        if (late > 0 && (slipping === null || late > slipping.median_days_late))
          slipping = { key, title: entry.title, median_days_late: round(late)! };
      }
      return {
        period,
        count: list.length,
        median_total_days: round(quantile(totals, 0.5)),
        p75_total_days: round(quantile(totals, 0.75)),
        median_days_to_first_gate_call: round(quantile(present(list.map((o) => since(o, o.firstGateCallAt))), 0.5)),
        median_days_to_first_import: round(quantile(present(list.map((o) => since(o, o.firstImportAt))), 0.5)),
        median_days_to_go_live: round(quantile(present(list.map((o) => since(o, o.goLiveAt))), 0.5)),
        median_days_per_step: Object.fromEntries(
          [...perStep].filter(([, e]) => e.durations.length).map(([k, e]) => [k, round(quantile(e.durations, 0.5))!]),
        ),
        slipping_step: slipping,
      };
    });
}
