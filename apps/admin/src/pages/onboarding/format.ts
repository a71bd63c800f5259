import { ROLES, type RoleId } from '@floor-os/personas';

/** Who a step is assigned to, by the name the API gives (never the id). */
export function assigneeLabel(assigneeId: string | null, myId: string | undefined, name?: string | null): string {
  if (!assigneeId) return 'unassigned';
  if (assigneeId === myId) return 'you';
  return name || 'another operator';
}

/**
 * The number a step carries in the pilot runbook ("1.3", "W1.4"), which people quote; null for a template's
 * internal step key (`import_data`), which the step's title says in words.
 */
export function stepNumber(key: string): string | null {
  return /^[A-Z]?\d+(\.\d+)*$/.test(key) ? key : null;
}

/** A due date (`YYYY-MM-DD`, a whole UTC day) in the browser's locale. */
export function formatDate(date: string | null): string {
  if (!date) return '—';
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime())
    ? date
    : parsed.toLocaleDateString(undefined, { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });
}

/** "1 day", "12 days". */
export const daysText = (days: number) => `${days} ${days === 1 ? 'day' : 'days'}`;

/** The persona that owns a step, by its catalogue label. */
export const ownerLabel = (owner: string) => ROLES[owner as RoleId]?.label ?? owner;
