import type { AccountDeepLinkView, DeepLinkOpenView } from '@floor-os/contracts';
import type { AnnotationInput, ConsumerRequest, ContactCheckAnswer as GateAnswer } from '@floor-os/contracts';
import type { GateChannel } from '../resources/accounts/types';
import { apiFetch } from './http';

/**
 * AccountDetail's calls beyond the account record (SPEC V3, G9, A2, C-requests): its "Open in" links and the
 * gate-checked opening of one, the session's contact check, what the consumer asked for, and a note on a
 * decision of the audit trail.
 */
export interface AccountsMethods {
  getAccountDeepLinks(accountId: string): Promise<AccountDeepLinkView[]>;
  /** Asks the gate first for a gated category; the URL comes back only on allow. */
  openAccountDeepLink(
    accountId: string,
    vendor: string,
    input: { initiated_by?: 'consumer' },
  ): Promise<DeepLinkOpenView>;
  checkContact(input: {
    account_id: string;
    channel: GateChannel;
    initiated_by?: 'consumer' | 'collector';
  }): Promise<GateAnswer>;
  recordConsumerRequest(accountId: string, request: ConsumerRequest): Promise<unknown>;
  annotateDecision(auditId: string, input: AnnotationInput): Promise<unknown>;
}

const linksPath = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}/deep-links`;

export const accountsMethods: AccountsMethods = {
  getAccountDeepLinks: (accountId) => apiFetch(linksPath(accountId)),
  openAccountDeepLink: (accountId, vendor, input) =>
    apiFetch(`${linksPath(accountId)}/${encodeURIComponent(vendor)}/open`, { method: 'POST', body: input }),
  checkContact: (input) => apiFetch('/compliance/contact-check/session', { method: 'POST', body: input }),
  recordConsumerRequest: (accountId, request) =>
    apiFetch(`/accounts/${encodeURIComponent(accountId)}/consumer-requests`, { method: 'POST', body: request }),
  annotateDecision: (auditId, input) =>
    apiFetch(`/compliance/audit/${encodeURIComponent(auditId)}/annotations`, { method: 'POST', body: input }),
};
