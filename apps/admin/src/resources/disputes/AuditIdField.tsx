import { Box, Typography } from '@mui/material';
import { Link, useCanAccess, useRecordContext } from 'react-admin';
import { formatTime } from '../../components/format';
import { channelWord } from '../../components/words';
import type { DisputeView as Dispute } from '@floor-os/contracts';

/**
 * The decision a dispute is about, named by its account, channel and time (the audit id stays on the decision's
 * page), linked to its drill-down for those who may open the audit trail. `data-audit-id` carries the id.
 */
export const AuditIdField = ({ withAuditId = false }: { label?: string; source?: string; withAuditId?: boolean }) => {
  const record = useRecordContext<Dispute>();
  const { canAccess } = useCanAccess({ resource: 'decisions', action: 'show' });
  if (!record?.audit_id) return null;
  const decision = record.decision;
  const name = decision ? (
    <>
      {decision.account_id}
      <Typography component="span" variant="caption" color="text.secondary" sx={{ display: 'block' }}>
        {channelWord(decision.channel)} · {formatTime(decision.created_at)}
      </Typography>
    </>
  ) : (
    // A decision the log no longer finds (or not yet): its id is all there is to quote.
    <span style={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}>{record.audit_id}</span>
  );
  const auditId =
    withAuditId && decision ? (
      <Typography
        component="span"
        variant="caption"
        color="text.secondary"
        sx={{ display: 'block', fontFamily: 'monospace' }}
      >
        Audit id {record.audit_id}
      </Typography>
    ) : null;
  return (
    <Box component="span" data-audit-id={record.audit_id} sx={{ display: 'inline-block' }}>
      {canAccess ? (
        <Link
          to={`/decisions/${encodeURIComponent(record.audit_id)}/show`}
          onClick={(event: { stopPropagation: () => void }) => event.stopPropagation()}
          data-testid="dispute-audit-link"
        >
          {name}
        </Link>
      ) : (
        name
      )}
      {auditId}
    </Box>
  );
};
