/**
 * A dispute is an annotation on a gate decision (SPEC A2), listed by `GET /api/v1/disputes`: its wire types are
 * `@floor-os/contracts`' (DisputeView, DisputeUpdate, DISPUTE_STATUSES, ANNOTATION_CATEGORIES).
 */

export const routedToChoices = [{ id: 'it', name: 'IT' }];
