/** The panel's own address of a tenant's checklist page. */
export const checklistPagePath = (tenant: string) => `/onboarding/${encodeURIComponent(tenant)}`;

/** The query of a tenant's checklist, which every step's answer replaces. */
export const checklistKey = (tenant: string) => ['onboarding', 'checklist', tenant] as const;

/** The query of a tenant's health check runs. */
export const healthChecksKey = (tenant: string) => ['onboarding', 'health-checks', tenant] as const;
