import type { UserView } from '@floor-os/contracts';
import BlockIcon from '@mui/icons-material/Block';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import InfoOutlinedIcon from '@mui/icons-material/InfoOutlined';
import PersonAddAltIcon from '@mui/icons-material/PersonAddAlt';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import UndoIcon from '@mui/icons-material/Undo';
import VerifiedIcon from '@mui/icons-material/Verified';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Stack,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import { Confirm, Link, useCanAccess, useGetOne } from 'react-admin';
import { StatusChip } from '../../components/StatusChip';
import { useTenantZone } from '../../dashboard/useDashboardData';
import { formatInstant } from '../../pages/reports/shared/words';
import { USER_STATUS_LABELS, userStatusLabel } from '../users/types';
import { PersonPickerDialog } from './PersonPickerDialog';
import type { OffboardingCaseDetail as OffboardingCaseRecord } from '@floor-os/contracts';
import { caseUserName, disputeCategoryLabel, plural } from './types';
import { useCaseStep } from './useCaseStep';

type Key = OffboardingCaseRecord['api_keys'][number];
type StepState = 'done' | 'todo' | 'info';

/** How many of the user's accounts the page lists (the count is always exact). */
const ACCOUNTS_LISTED = 10;
/** The longest note a sign-off keeps (the API bounds it too). */
const NOTE_MAX = 2000;

const personName = (person: Pick<UserView, 'name' | 'email'>) => person.name || person.email;

const STEP_ICONS: Record<StepState, ReactNode> = {
  done: <CheckCircleIcon color="success" />,
  todo: <RadioButtonUncheckedIcon color="warning" />,
  info: <InfoOutlinedIcon color="info" />,
};

/** One step of the case: its number and title, whether it is done, and what is left. */
const StepCard = ({
  number,
  title,
  state,
  summary,
  testId,
  children,
}: {
  number: number;
  title: string;
  state: StepState;
  summary: ReactNode;
  testId: string;
  children?: ReactNode;
}) => (
  <Card variant="outlined" data-testid={testId} data-state={state}>
    <CardHeader
      avatar={STEP_ICONS[state]}
      title={`${number}. ${title}`}
      subheader={summary}
      slotProps={{
        title: { variant: 'h6' },
        subheader: { variant: 'body2', 'data-testid': `${testId}-summary` } as Record<string, unknown>,
      }}
      sx={{ pb: children ? 0 : 2 }}
    />
    {children ? <CardContent>{children}</CardContent> : null}
  </Card>
);

/** (a) Access: taken away when the case opened (sign-in refused, every session ended). */
export const AccessStep = ({ record, leaver }: { record: OffboardingCaseRecord; leaver?: UserView }) => {
  const zone = useTenantZone();
  const name = caseUserName(record);
  const summary =
    record.status === 'cancelled'
      ? `Sign-in was refused and every session ended on ${formatInstant(record.opened_at, zone)}. The case was cancelled on ${formatInstant(record.closed_at, zone)}: ${name} may sign in again (ended sessions stay ended).`
      : `Sign-in refused and every session ended on ${formatInstant(record.opened_at, zone)}, when the case opened.`;
  return (
    <StepCard
      number={1}
      title="Access taken away"
      state={record.status === 'cancelled' ? 'info' : 'done'}
      summary={summary}
      testId="case-step-access"
    >
      {leaver ? (
        <Stack direction="row" spacing={1} alignItems="center">
          <Typography variant="body2">{name}&apos;s status now:</Typography>
          <StatusChip record={leaver as unknown as Record<string, unknown>} labels={USER_STATUS_LABELS} />
        </Stack>
      ) : null}
    </StepCard>
  );
};

/** (b) The API keys the user owns: each is revoked or handed over (a dialer may depend on it, so never blindly). */
export const KeysStep = ({ record, canAct }: { record: OffboardingCaseRecord; canAct: boolean }) => {
  const zone = useTenantZone();
  const name = caseUserName(record);
  const [revoking, setRevoking] = useState<Key | null>(null);
  const [handingOver, setHandingOver] = useState<Key | null>(null);
  const revoke = useCaseStep(
    (provider, key: Key) => provider.actOnOffboardingKey(record.id, key.id, { action: 'revoke' }),
    (_case, key) => `API key "${key.label}" revoked: every call made with it is refused now`,
    () => setRevoking(null),
  );
  const handOver = useCaseStep(
    (provider, { key, to }: { key: Key; to: UserView }) =>
      provider.actOnOffboardingKey(record.id, key.id, { action: 'hand_over', to_user_id: String(to.id) }),
    (_case, { key, to }) => `API key "${key.label}" handed over to ${personName(to)}`,
    () => setHandingOver(null),
  );
  const keys = record.api_keys;
  const summary = keys.length
    ? `${name} owns ${plural(keys.length, 'API key')}. They keep working until you revoke each one or hand it over to a colleague.`
    : `No API key left with ${name}.`;
  return (
    <StepCard
      number={2}
      title="API keys"
      state={keys.length ? 'todo' : 'done'}
      summary={summary}
      testId="case-step-keys"
    >
      {keys.length ? (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>Label</TableCell>
              <TableCell>Starts with</TableCell>
              <TableCell>Created</TableCell>
              <TableCell>Last used</TableCell>
              {canAct ? <TableCell align="right">Action</TableCell> : null}
            </TableRow>
          </TableHead>
          <TableBody>
            {keys.map((key) => (
              <TableRow key={key.id} data-testid="case-key" data-key-label={key.label}>
                <TableCell>{key.label}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>{key.prefix}</TableCell>
                <TableCell>{formatInstant(key.created_at, zone)}</TableCell>
                <TableCell>{key.last_used_at ? formatInstant(key.last_used_at, zone) : 'never'}</TableCell>
                {canAct ? (
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    <Button
                      size="small"
                      color="error"
                      startIcon={<BlockIcon />}
                      onClick={() => setRevoking(key)}
                      data-testid="case-key-revoke"
                    >
                      Revoke
                    </Button>
                    <Button
                      size="small"
                      startIcon={<SwapHorizIcon />}
                      onClick={() => setHandingOver(key)}
                      data-testid="case-key-hand-over"
                      sx={{ ml: 1 }}
                    >
                      Hand over
                    </Button>
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      <Confirm
        isOpen={revoking !== null}
        loading={revoke.isPending}
        title={`Revoke "${revoking?.label ?? ''}"?`}
        content="Every call made with this key is refused at once, on every server. A dialer still using it stops until it gets another key. This cannot be undone."
        confirm="Revoke"
        confirmColor="warning"
        onConfirm={() => revoking && revoke.mutate(revoking)}
        onClose={() => setRevoking(null)}
      />
      <PersonPickerDialog
        open={handingOver !== null}
        title={`Hand over "${handingOver?.label ?? ''}"`}
        label="New owner"
        filter={{ status: 'active' }}
        confirm="Hand over"
        pending={handOver.isPending}
        onConfirm={(to) => handingOver && handOver.mutate({ key: handingOver, to })}
        onClose={() => setHandingOver(null)}
        testId="hand-over-dialog"
      >
        The key keeps working as it is (same secret, nothing to change in the dialer). From now on it belongs to the
        person you choose, usually someone in IT, who revokes or rotates it when it is no longer needed.
      </PersonPickerDialog>
    </StepCard>
  );
};

/** (c) The accounts in the user's queue: to another agent of the team, or back to the team's unassigned pool. */
export const AccountsStep = ({
  record,
  leaver,
  canAct,
}: {
  record: OffboardingCaseRecord;
  leaver?: UserView;
  canAct: boolean;
}) => {
  const zone = useTenantZone();
  const name = caseUserName(record);
  const [picking, setPicking] = useState(false);
  const [pooling, setPooling] = useState(false);
  const [anyAgent, setAnyAgent] = useState(false);
  const managerId = leaver?.manager_id ?? null;
  const { data: manager } = useGetOne<UserView>('users', { id: managerId ?? '' }, { enabled: !!managerId });
  const { canAccess: canOpenAccounts } = useCanAccess({ resource: 'accounts', action: 'show' });
  const team = managerId && !anyAgent;
  const reassign = useCaseStep(
    (provider, agent: UserView) => provider.reassignOffboardingAccounts(record.id, String(agent.id)),
    (result, agent) => `${plural(result.reassigned, 'account')} reassigned to ${personName(agent)}`,
    () => setPicking(false),
  );
  const pool = useCaseStep(
    (provider, _nothing: void) => provider.reassignOffboardingAccounts(record.id, null),
    (result) => `${plural(result.reassigned, 'account')} back in the team's unassigned pool`,
    () => setPooling(false),
  );
  const total = record.accounts_total;
  const summary = total
    ? `${plural(total, 'account')} ${total === 1 ? 'is' : 'are'} still in ${name}'s queue. Give them to another agent, or put them back in the team's unassigned pool for the manager to hand out.`
    : `No account left in ${name}'s queue.`;
  const teamWords = managerId ? `${manager ? `${personName(manager)}'s` : 'the same'} team` : null;
  return (
    <StepCard
      number={3}
      title="Accounts in the queue"
      state={total ? 'todo' : 'done'}
      summary={summary}
      testId="case-step-accounts"
    >
      {total ? (
        <Stack spacing={2}>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Account</TableCell>
                <TableCell>Queue priority</TableCell>
                <TableCell>Assigned</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {record.accounts.slice(0, ACCOUNTS_LISTED).map((account) => (
                <TableRow key={account.id} data-testid="case-account">
                  <TableCell>
                    {canOpenAccounts ? (
                      <Link to={`/accounts/${encodeURIComponent(account.account_id)}/show`}>{account.account_id}</Link>
                    ) : (
                      account.account_id
                    )}
                  </TableCell>
                  <TableCell>{account.queue_priority}</TableCell>
                  <TableCell>{formatInstant(account.assigned_at, zone)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {total > ACCOUNTS_LISTED ? (
            <Typography variant="body2" color="text.secondary">
              and {plural(total - ACCOUNTS_LISTED, 'more account')}; all of them move together.
            </Typography>
          ) : null}
          {canAct ? (
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
              <Button
                variant="contained"
                startIcon={<PersonAddAltIcon />}
                onClick={() => setPicking(true)}
                data-testid="accounts-reassign"
              >
                Reassign to an agent
              </Button>
              <Button
                variant="outlined"
                startIcon={<UndoIcon />}
                onClick={() => setPooling(true)}
                data-testid="accounts-unassign"
              >
                Back to the team&apos;s unassigned pool
              </Button>
            </Stack>
          ) : null}
        </Stack>
      ) : null}
      <PersonPickerDialog
        open={picking}
        title={`Reassign ${plural(total, 'account')}`}
        label="Agent"
        filter={{ status: 'active', personas: 'agent', ...(team ? { manager_id: managerId } : {}) }}
        confirm="Reassign"
        pending={reassign.isPending}
        onConfirm={(agent) => reassign.mutate(agent)}
        onClose={() => setPicking(false)}
        testId="reassign-dialog"
        extra={
          managerId ? (
            <FormControlLabel
              control={<Switch checked={anyAgent} onChange={(event) => setAnyAgent(event.target.checked)} />}
              label="Any agent of the tenant, not only the team"
            />
          ) : null
        }
      >
        Every account in {name}&apos;s queue goes to the agent you choose, at once.{' '}
        {teamWords
          ? `The list shows the active agents of ${teamWords}.`
          : `${name} is on no team: the list shows every active agent of the tenant.`}
      </PersonPickerDialog>
      <Confirm
        isOpen={pooling}
        loading={pool.isPending}
        title="Back to the team's unassigned pool?"
        content={`${plural(total, 'account')} leave ${name}'s queue and wait, unassigned, until a manager hands them out.`}
        confirm="Unassign"
        onConfirm={() => pool.mutate()}
        onClose={() => setPooling(false)}
      />
    </StepCard>
  );
};

/** (d) Open disputes the user raised: listed so someone takes them over; they never hold up the sign-off. */
export const DisputesStep = ({ record }: { record: OffboardingCaseRecord }) => {
  const zone = useTenantZone();
  const name = caseUserName(record);
  const { canAccess: canOpenDisputes } = useCanAccess({ resource: 'disputes', action: 'show' });
  const disputes = record.open_disputes;
  const summary = disputes.length
    ? `${name} raised ${plural(disputes.length, 'open dispute')} on gate decisions. Ask a colleague in Compliance or IT to take ${disputes.length === 1 ? 'it' : 'them'} over; ${disputes.length === 1 ? 'it does' : 'they do'} not hold up the sign-off.`
    : `${name} has no open dispute.`;
  return (
    <StepCard number={4} title="Open disputes to hand over" state="info" summary={summary} testId="case-step-disputes">
      {disputes.length ? (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>Decision</TableCell>
              <TableCell>Category</TableCell>
              <TableCell>Note</TableCell>
              <TableCell>Raised</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {disputes.map((dispute) => (
              <TableRow key={dispute.id} data-testid="case-dispute">
                <TableCell sx={{ fontFamily: 'monospace' }}>
                  {canOpenDisputes ? (
                    <Link to={`/disputes/${encodeURIComponent(dispute.id)}/show`}>{dispute.audit_id}</Link>
                  ) : (
                    dispute.audit_id
                  )}
                </TableCell>
                <TableCell>{disputeCategoryLabel(dispute.category)}</TableCell>
                <TableCell sx={{ maxWidth: 360 }}>
                  {dispute.note.length > 160 ? `${dispute.note.slice(0, 160)}…` : dispute.note}
                </TableCell>
                <TableCell>{formatInstant(dispute.created_at, zone)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </StepCard>
  );
};

/** (e) Sign off once nothing is left with the user (the user is disabled), or cancel (the user's status comes back). */
export const CloseStep = ({
  record,
  canAct,
  closedBy,
}: {
  record: OffboardingCaseRecord;
  canAct: boolean;
  closedBy: ReactNode;
}) => {
  const zone = useTenantZone();
  const name = caseUserName(record);
  const [signing, setSigning] = useState(false);
  const [note, setNote] = useState('');
  const [cancelling, setCancelling] = useState(false);
  const signOff = useCaseStep(
    (provider, text: string) => provider.signOffOffboarding(record.id, text.trim() || undefined),
    () => `Case signed off: ${name} is disabled`,
    () => setSigning(false),
  );
  const cancel = useCaseStep(
    (provider, _nothing: void) => provider.cancelOffboarding(record.id),
    (result) => `Case cancelled: ${name} is ${userStatusLabel(result.previous_status).toLowerCase()} again`,
    () => setCancelling(false),
  );

  if (record.status !== 'open') {
    return (
      <StepCard
        number={5}
        title="Sign-off"
        state={record.status === 'signed_off' ? 'done' : 'info'}
        summary={null}
        testId="case-step-close"
      >
        <Alert
          severity={record.status === 'signed_off' ? 'success' : 'info'}
          icon={record.status === 'signed_off' ? <VerifiedIcon /> : undefined}
          data-testid="case-closed"
          data-status={record.status}
        >
          {record.status === 'signed_off' ? (
            <>
              Case closed: signed off on {formatInstant(record.closed_at, zone)} by {closedBy}. {name} is disabled.
            </>
          ) : (
            <>
              Case cancelled on {formatInstant(record.closed_at, zone)} by {closedBy}. {name}&apos;s status went back to{' '}
              {userStatusLabel(record.previous_status).toLowerCase()}.
            </>
          )}
          {record.note ? (
            <Box component="span" sx={{ display: 'block', mt: 1, whiteSpace: 'pre-wrap' }}>
              Note: {record.note}
            </Box>
          ) : null}
        </Alert>
      </StepCard>
    );
  }

  const left = [
    record.api_keys.length ? plural(record.api_keys.length, 'API key') : null,
    record.accounts_total ? plural(record.accounts_total, 'account') : null,
  ].filter((part): part is string => part !== null);
  const summary = left.length
    ? `Still with ${name}: ${left.join(' and ')}. Sign-off opens once every key is revoked or handed over and every account reassigned.`
    : `Nothing is left with ${name}. Signing off closes the case and disables ${name}.`;
  return (
    <StepCard
      number={5}
      title="Sign off"
      state={left.length ? 'todo' : 'done'}
      summary={summary}
      testId="case-step-close"
    >
      {canAct ? (
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
          <Button
            variant="contained"
            color="success"
            startIcon={<VerifiedIcon />}
            disabled={left.length > 0}
            onClick={() => setSigning(true)}
            data-testid="case-sign-off"
          >
            Sign off
          </Button>
          <Button variant="outlined" color="inherit" onClick={() => setCancelling(true)} data-testid="case-cancel">
            Cancel the case
          </Button>
        </Stack>
      ) : null}
      <Dialog open={signing} onClose={() => setSigning(false)} maxWidth="sm" fullWidth data-testid="sign-off-dialog">
        <DialogTitle>Sign off and close the case?</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <Typography variant="body2">
              {name} is disabled for good and the case is closed. Open disputes stay listed here for whoever takes them
              over.
            </Typography>
            <TextField
              label="Note (optional)"
              multiline
              minRows={3}
              value={note}
              onChange={(event) => setNote(event.target.value.slice(0, NOTE_MAX))}
              helperText={`${note.length} / ${NOTE_MAX}`}
              slotProps={{ htmlInput: { 'data-testid': 'sign-off-note' } }}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setSigning(false)}>Back</Button>
          <Button
            variant="contained"
            color="success"
            onClick={() => signOff.mutate(note)}
            disabled={signOff.isPending}
            data-testid="sign-off-confirm"
          >
            Sign off
          </Button>
        </DialogActions>
      </Dialog>
      <Confirm
        isOpen={cancelling}
        loading={cancel.isPending}
        title="Cancel this case?"
        content={`${name} gets access back: the status returns to ${userStatusLabel(record.previous_status).toLowerCase()} and they may sign in again. Keys already revoked or handed over and accounts already reassigned stay as they are.`}
        confirm="Cancel the case"
        cancel="Keep the case open"
        confirmColor="warning"
        onConfirm={() => cancel.mutate()}
        onClose={() => setCancelling(false)}
      />
    </StepCard>
  );
};
