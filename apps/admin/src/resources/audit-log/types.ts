import type { AuditEntryView } from '@floor-os/contracts';

export { AUDIT_ACTIONS } from '@floor-os/contracts';
export type AuditEntry = AuditEntryView;
