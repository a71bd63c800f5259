export const AUDIT_ACTIONS = ['create', 'update', 'delete'] as const;

export interface AuditEntry {
  id: string;
  created_at: string;
  actor_label: string;
  actor_type: string;
  action: (typeof AUDIT_ACTIONS)[number];
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
}
