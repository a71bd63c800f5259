import type { AcceptedInvitation, IssuedInvitation } from '@floor-os/contracts';
import type { ApiKey } from '../resources/api-keys/types';
import { apiFetch } from './http';

/**
 * People and keys beyond their CRUD resources: a fresh invitation link, accepting one (before any session
 * exists), and an API key's rotation (its new secret is shown once).
 */
export interface UsersMethods {
  reissueInvitation(userId: string): Promise<IssuedInvitation>;
  acceptInvitation(token: string | null, password: string): Promise<AcceptedInvitation>;
  rotateApiKey(id: string): Promise<ApiKey>;
}

export const usersMethods: UsersMethods = {
  reissueInvitation: (userId) => apiFetch(`/users/${encodeURIComponent(userId)}/invitation`, { method: 'POST' }),
  acceptInvitation: (token, password) => apiFetch('/invitations/accept', { method: 'POST', body: { token, password } }),
  rotateApiKey: (id) => apiFetch(`/api-keys/${encodeURIComponent(id)}/rotate`, { method: 'POST' }),
};
