import { apiFetch, SYS_URL } from '../../providers/http';
import type {
  HealthCheckRun,
  OnboardingChecklistView as Checklist,
  OnboardingRetrospective as Retrospective,
  OnboardingStepPatch as StepPatch,
  RetrospectiveGroupBy,
} from '@floor-os/contracts';
import type { TemplateId } from './types';

/** The workbench routes live under `/sys/onboarding`; `tenant` is the tenant's slug (or id). */
const tenantPath = (tenant: string) => `/onboarding/${encodeURIComponent(tenant)}`;

/** The panel's own address of a tenant's checklist page. */
export const checklistPagePath = (tenant: string) => `/onboarding/${encodeURIComponent(tenant)}`;

export const loadChecklist = (tenant: string, signal?: AbortSignal) =>
  apiFetch<Checklist>(tenantPath(tenant), { base: SYS_URL, signal });

export const startChecklist = (tenant: string, template: TemplateId) =>
  apiFetch<Checklist>(tenantPath(tenant), { base: SYS_URL, method: 'POST', body: { template } });

/** Answers the whole checklist after the change (a step's status may flip, and the checklist complete). */
export const patchStep = (tenant: string, stepKey: string, patch: StepPatch) =>
  apiFetch<Checklist>(`${tenantPath(tenant)}/steps/${encodeURIComponent(stepKey)}`, {
    base: SYS_URL,
    method: 'PATCH',
    body: patch,
  });

export const runHealthCheck = (tenant: string) =>
  apiFetch<HealthCheckRun>(`${tenantPath(tenant)}/health-check`, { base: SYS_URL, method: 'POST', body: {} });

/** The last 50 runs, newest first. */
export const loadHealthChecks = (tenant: string, signal?: AbortSignal) =>
  apiFetch<HealthCheckRun[]>(`${tenantPath(tenant)}/health-checks`, { base: SYS_URL, signal });

/** Completed onboardings per quarter or month (SPEC O5). */
export const loadRetrospective = (groupBy: RetrospectiveGroupBy, signal?: AbortSignal) =>
  apiFetch<Retrospective>(`/onboarding/retrospective?group_by=${groupBy}`, { base: SYS_URL, signal });
