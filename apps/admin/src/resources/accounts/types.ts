import { PHONE_TYPES, type AccountDetailView, type AccountView, type CallWindow } from '@floor-os/contracts';

/**
 * The accounts' wire types are `@floor-os/contracts`' (AccountView, AccountDetailView, ConsumerRequest; the gate's
 * answer is ContactCheckAnswer); this file adds what only the panel needs.
 */

/** An account as react-admin holds it: `id` is the `account_id` (see providers/dataProvider.ts), the API's `id` is kept as `uuid`. */
export interface Account extends AccountView {
  /** The row's uuid (the API's `id`). */
  uuid?: string;
}

/** AccountDetail as react-admin holds it (`id` is the `account_id`, as for {@link Account}). */
export type AccountDetail = AccountDetailView & { uuid?: string };

/** The channels the panel's session door offers a contact check for. */
export const GATE_CHANNELS = ['voice', 'sms', 'email'] as const;
export type GateChannel = (typeof GATE_CHANNELS)[number];

const yesNo = [
  { id: 'true', name: 'yes' },
  { id: 'false', name: 'no' },
];
export const booleanChoices = yesNo;
export const phoneTypeChoices = PHONE_TYPES.map((id) => ({ id, name: id }));

/** `9.5` → `09:30`. */
export function formatHour(hour: number): string {
  const minutes = Math.round(hour * 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The convenient window as people read it, e.g. `09:00–12:30`. */
export function formatCallWindow(window: CallWindow | null | undefined): string {
  return window ? `${formatHour(window.start_hour)}–${formatHour(window.end_hour)}` : '—';
}
