import type { Annotation } from '../decisions/types';

export { ANNOTATION_CATEGORIES } from '../decisions/types';

/**
 * A dispute is an annotation on a gate decision (SPEC A2), listed by `GET /api/v1/disputes`, with the decision
 * it is about by account, channel and time (null when the log does not find it).
 */
export type Dispute = Annotation & { decision?: { account_id: string; channel: string; created_at: string } | null };

export const DISPUTE_STATUSES = ['open', 'resolved'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/** `PUT /api/v1/disputes/{id}`: the only change a dispute takes. */
export interface DisputeUpdate {
  status: DisputeStatus;
  resolution?: string | null;
}

export const routedToChoices = [{ id: 'it', name: 'IT' }];
