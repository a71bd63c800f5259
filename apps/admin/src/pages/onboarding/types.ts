import { STEP_STATUSES, TEMPLATES, type StepStatus, type TemplateId } from '@floor-os/onboarding';

export { STEP_STATUSES, TEMPLATES };
export type { StepStatus, TemplateId };

/*
 * The onboarding workbench's wire types are `@floor-os/contracts`' (OnboardingBoardRow, OnboardingChecklistView,
 * ChecklistStepView, OnboardingStepPatch, HealthCheckRun, OnboardingRetrospective); this file adds what only the
 * panel needs.
 */

export const TEMPLATE_IDS = Object.keys(TEMPLATES) as TemplateId[];

/** "Standard onboarding (8 steps)"; the id itself for a template this panel does not know. */
export const templateLabel = (template: string): string => TEMPLATES[template as TemplateId]?.label ?? template;

/** `in_progress` → "in progress". */
export const statusLabel = (status: string): string => status.replace(/_/g, ' ');
