import { Link, useCanAccess, useRecordContext } from 'react-admin';

/** The decision a dispute is about, linked to its drill-down for those who may open the audit trail. */
export const AuditIdField = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<{ audit_id?: string }>();
  const { canAccess } = useCanAccess({ resource: 'decisions', action: 'show' });
  if (!record?.audit_id) return null;
  const text = <span style={{ fontFamily: 'monospace', fontSize: 13 }}>{record.audit_id}</span>;
  if (!canAccess) return text;
  return (
    <Link to={`/decisions/${encodeURIComponent(record.audit_id)}/show`} onClick={(event: { stopPropagation: () => void }) => event.stopPropagation()} data-testid="dispute-audit-link">
      {text}
    </Link>
  );
};
