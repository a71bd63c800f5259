import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Link, useCanAccess } from 'react-admin';
import { CodeChips } from '../../components/OutcomeChip';
import type { GateReason } from '@floor-os/contracts';

/** A decision's audit id, linked to the decision when the user may read the audit trail. */
export const AuditLink = ({ auditId, testId = 'gate-audit-id' }: { auditId: string; testId?: string }) => {
  const { canAccess } = useCanAccess({ resource: 'decisions', action: 'show' });
  const text = (
    <Box component="span" sx={{ fontFamily: 'monospace' }} data-testid={testId}>
      {auditId}
    </Box>
  );
  return canAccess ? <Link to={`/decisions/${encodeURIComponent(auditId)}/show`}>{text}</Link> : text;
};

/** The gate's reasons: rule, statute and message, one row each. */
export const ReasonsTable = ({ reasons }: { reasons: readonly GateReason[] }) => (
  <Table size="small">
    <TableHead>
      <TableRow>
        <TableCell>Rule</TableCell>
        <TableCell>Statute</TableCell>
        <TableCell>Reason</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {reasons.map((reason, index) => (
        <TableRow
          key={`${reason.rule_id}-${index}`}
          data-testid="gate-reason"
          data-rule-id={reason.rule_id}
          data-severity={reason.severity}
        >
          <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
            {reason.rule_id}
            {/* A warning lets the contact through (e.g. the consumer called in); say so beside the blocks. */}
            {reason.severity === 'warn' ? (
              <Typography variant="caption" color="warning.main" component="div" sx={{ fontFamily: 'inherit' }}>
                warning only
              </Typography>
            ) : null}
          </TableCell>
          <TableCell>{reason.statute}</TableCell>
          <TableCell>{reason.message}</TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);

/** The statutes a decision cites, captioned. */
export const StatuteChips = ({ statutes, testId }: { statutes: readonly string[]; testId?: string }) => (
  <Box data-testid={testId}>
    <Typography variant="caption" color="text.secondary" component="div">
      Statutes
    </Typography>
    <CodeChips values={statutes} />
  </Box>
);
