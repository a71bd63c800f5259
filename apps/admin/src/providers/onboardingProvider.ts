import type {
  HealthCheckRun,
  OnboardingChecklistView as Checklist,
  OnboardingRetrospective as Retrospective,
  OnboardingStepPatch as StepPatch,
  RetrospectiveGroupBy,
} from '@floor-os/contracts';
import type { TemplateId } from '../pages/onboarding/types';
import { apiFetch, SYS_URL } from './http';

/**
 * The platform operator's onboarding workbench (SPEC O1–O5) under `/sys/onboarding`: a tenant's checklist,
 * its steps and health checks, and the retrospective. The board is the list resource `onboarding`.
 * `tenant` is the tenant's slug (or id).
 */
export interface OnboardingMethods {
  getChecklist(tenant: string): Promise<Checklist>;
  startChecklist(tenant: string, template: TemplateId): Promise<Checklist>;
  /** Answers the whole checklist after the change (a step's status may flip, and the checklist complete). */
  updateChecklistStep(tenant: string, stepKey: string, patch: StepPatch): Promise<Checklist>;
  runHealthCheck(tenant: string): Promise<HealthCheckRun>;
  /** The last 50 runs, newest first. */
  getHealthChecks(tenant: string): Promise<HealthCheckRun[]>;
  /** Completed onboardings per quarter or month (SPEC O5). */
  getRetrospective(groupBy: RetrospectiveGroupBy): Promise<Retrospective>;
}

const tenantPath = (tenant: string) => `/onboarding/${encodeURIComponent(tenant)}`;

export const onboardingMethods: OnboardingMethods = {
  getChecklist: (tenant) => apiFetch(tenantPath(tenant), { base: SYS_URL }),
  startChecklist: (tenant, template) =>
    apiFetch(tenantPath(tenant), { base: SYS_URL, method: 'POST', body: { template } }),
  updateChecklistStep: (tenant, stepKey, patch) =>
    apiFetch(`${tenantPath(tenant)}/steps/${encodeURIComponent(stepKey)}`, {
      base: SYS_URL,
      method: 'PATCH',
      body: patch,
    }),
  runHealthCheck: (tenant) =>
    apiFetch(`${tenantPath(tenant)}/health-check`, { base: SYS_URL, method: 'POST', body: {} }),
  getHealthChecks: (tenant) => apiFetch(`${tenantPath(tenant)}/health-checks`, { base: SYS_URL }),
  getRetrospective: (groupBy) =>
    apiFetch(`/onboarding/retrospective?group_by=${encodeURIComponent(groupBy)}`, { base: SYS_URL }),
};
