import { OFFBOARDING_STATUSES, type OffboardingCaseView, type OffboardingStatus } from '@floor-os/contracts';

/* The cases' wire types are `@floor-os/contracts`' (OffboardingCaseView, OffboardingCaseDetail); this file adds the words. */

/** A case's status in words. */
export const CASE_STATUS_LABELS: Readonly<Record<OffboardingStatus, string>> = {
  open: 'Open',
  signed_off: 'Signed off',
  cancelled: 'Cancelled',
};

export const caseStatusChoices = OFFBOARDING_STATUSES.map((status) => ({
  id: status,
  name: CASE_STATUS_LABELS[status],
}));

/** A dispute's category in words (decision annotations, SPEC A2). */
const DISPUTE_CATEGORY_LABELS: Readonly<Record<string, string>> = {
  'data-quality': 'Data quality',
  disagree: 'Disagrees with the decision',
  other: 'Other',
};

export const disputeCategoryLabel = (category: string): string =>
  DISPUTE_CATEGORY_LABELS[category] ?? category.replaceAll(/[-_]/g, ' ');

/** "Pat Doe" (or the email when the name is missing): how a case names its user. */
export const caseUserName = (record: Pick<OffboardingCaseView, 'user_name' | 'user_email'> | undefined): string =>
  record?.user_name || record?.user_email || 'this user';

export const plural = (count: number, one: string, many = `${one}s`): string =>
  `${count.toLocaleString()} ${count === 1 ? one : many}`;
