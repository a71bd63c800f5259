import { ROLES, type RoleId } from '@floor-os/personas';

/**
 * Who a step is assigned to. The operator cannot list platform users (`/api/v1/users` is per tenant), so
 * an assignee other than the signed-in user is shown by a short form of the id, the full id on hover.
 */
export function assigneeLabel(assigneeId: string | null, myId: string | undefined): string {
  if (!assigneeId) return 'unassigned';
  if (assigneeId === myId) return 'you';
  return `user ${assigneeId.slice(0, 8)}`;
}

/** A due date (`YYYY-MM-DD`, a whole UTC day) in the browser's locale. */
export function formatDate(date: string | null): string {
  if (!date) return '—';
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : parsed.toLocaleDateString(undefined, { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });
}

/** "1 day", "12 days". */
export const daysText = (days: number) => `${days} ${days === 1 ? 'day' : 'days'}`;

/** The persona that owns a step, by its catalogue label. */
export const ownerLabel = (owner: string) => ROLES[owner as RoleId]?.label ?? owner;
