import { PERSONA_IDS } from '@floor-os/personas';
import { personaLabel } from '../../components/PersonaChips';

import { USER_STATUSES, type IssuedInvitation, type UserView } from '@floor-os/contracts';

export { USER_STATUSES };

/** A user's status in words. */
export const USER_STATUS_LABELS: Readonly<Record<string, string>> = {
  invited: 'Invited',
  active: 'Active',
  offboarding: 'Offboarding',
  disabled: 'Disabled',
};

export const userStatusLabel = (status: string | null | undefined): string =>
  status ? (USER_STATUS_LABELS[status] ?? status.charAt(0).toUpperCase() + status.slice(1).replaceAll('_', ' ')) : '—';

export const statusChoices = USER_STATUSES.map((status) => ({ id: status, name: userStatusLabel(status) }));

/** What an edit may set: the API changes status only to active or disabled (offboarding is HR's case flow). */
export function editableStatusChoices(current: string | undefined): { id: string; name: string }[] {
  return [...new Set([current, 'active', 'disabled'].filter((status): status is string => !!status))].map((status) => ({
    id: status,
    name: userStatusLabel(status),
  }));
}

/** "Expires …" for an invitation's expiry, when the API gave one. */
export function expiryNote(expiresAt: string | undefined): string | undefined {
  return expiresAt ? `Expires ${new Date(expiresAt).toLocaleString()}` : undefined;
}

/** Persona choices, labelled from the catalogue, in catalogue order. */
export function personaChoices(ids: readonly string[] = PERSONA_IDS): { id: string; name: string }[] {
  const wanted = new Set(ids);
  const known = PERSONA_IDS.filter((id) => wanted.has(id));
  const unknown = [...wanted].filter((id) => !(PERSONA_IDS as readonly string[]).includes(id));
  return [...known, ...unknown].map((id) => ({ id, name: personaLabel(id) }));
}

/** A user as the API answers it; the create answer adds the one-time invitation link (SPEC R2). */
export type User = UserView & Partial<IssuedInvitation>;
