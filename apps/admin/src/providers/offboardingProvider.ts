import type { OffboardingCaseDetail, OffboardingKeyAction, OffboardingReassignResult } from '@floor-os/contracts';
import { API_URL, httpClient } from './http';

/**
 * The offboarding case's steps (SPEC R5, "HR offboarding" routes), as custom methods of the data provider, so
 * the case page runs them with `useDataProvider` and react-query like any other data. The cases themselves
 * are the CRUD resource `offboarding` (list, open, read). Each step answers the case as it stands after it.
 */
export interface OffboardingMethods {
  actOnOffboardingKey(caseId: string, keyId: string, action: OffboardingKeyAction): Promise<OffboardingCaseDetail>;
  reassignOffboardingAccounts(caseId: string, agentId: string | null): Promise<OffboardingReassignResult>;
  signOffOffboarding(caseId: string, note?: string): Promise<OffboardingCaseDetail>;
  cancelOffboarding(caseId: string): Promise<OffboardingCaseDetail>;
}

async function post<T>(path: string, body?: unknown): Promise<T> {
  const { json } = await httpClient(`${API_URL}/offboarding/${path}`, {
    method: 'POST',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return json as T;
}

const at = (caseId: string) => encodeURIComponent(caseId);

export const offboardingMethods: OffboardingMethods = {
  actOnOffboardingKey: (caseId, keyId, action) => post(`${at(caseId)}/api-keys/${encodeURIComponent(keyId)}`, action),
  reassignOffboardingAccounts: (caseId, agentId) => post(`${at(caseId)}/reassign`, { agent_id: agentId }),
  signOffOffboarding: (caseId, note) => post(`${at(caseId)}/sign-off`, note ? { note } : {}),
  cancelOffboarding: (caseId) => post(`${at(caseId)}/cancel`),
};
