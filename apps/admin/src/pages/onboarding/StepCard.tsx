import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import { Alert, Box, Button, Chip, Grid, Paper, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';
import { formatTime } from '../../components/format';
import { switchTenantAndOpen } from '../../providers/authProvider';
import { messageOf } from '../../providers/http';
import { assigneeLabel, formatDate, ownerLabel, stepNumber } from './format';
import { StepStatusChip } from './StatusChips';
import type {
  ChecklistStepView as ChecklistStep,
  EvidenceCheck,
  OnboardingStepPatch as StepPatch,
} from '@floor-os/contracts';
import { STEP_STATUSES, statusLabel, type StepStatus } from './types';

const BORDER: Record<StepStatus, string> = {
  todo: 'divider',
  in_progress: 'info.main',
  blocked: 'error.main',
  done: 'success.main',
  skipped: 'divider',
};

interface StepCardProps {
  step: ChecklistStep;
  current: boolean;
  myId: string | undefined;
  /** The checklist's tenant: evidence links switch to it before opening its page. */
  tenantId: string;
  /** Sends one PATCH; rejects with the API's error (its message is shown on the step). */
  onPatch: (patch: StepPatch) => Promise<void>;
}

/** A text editor's draft, reset whenever the saved value changes (after a save, or an auto-flip). */
function useDraft(saved: string | null): [string, (value: string) => void, boolean] {
  const [draft, setDraft] = useState(saved ?? '');
  useEffect(() => setDraft(saved ?? ''), [saved]);
  return [draft, setDraft, draft.trim() !== (saved ?? '').trim()];
}

const Fact = ({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) => (
  <Box>
    <Typography variant="caption" color="text.secondary" component="div">
      {label}
    </Typography>
    <Typography variant="body2" component="div" data-testid={testId}>
      {children}
    </Typography>
  </Box>
);

/**
 * The evidence the product can see for a step's acceptance (SPEC O1): seen (with when) or not yet, and a
 * link to it. Tenant pages need the tenant in context, so the link switches the operator's session to the
 * checklist's tenant first (as the tenant switcher does); the health check is on this page.
 */
const EvidenceLine = ({ check, tenantId, testId }: { check: EvidenceCheck; tenantId: string; testId: string }) => {
  const [opening, setOpening] = useState(false);
  const open = async () => {
    if (check.path.startsWith('#')) {
      document.getElementById(check.path.slice(1))?.scrollIntoView({ behavior: 'smooth' });
      return;
    }
    setOpening(true);
    try {
      await switchTenantAndOpen(tenantId, check.path);
    } catch {
      setOpening(false);
    }
  };
  return (
    <Stack
      direction="row"
      spacing={1}
      alignItems="center"
      useFlexGap
      flexWrap="wrap"
      data-testid={testId}
      data-seen={check.seen}
      data-available={check.available}
    >
      <Typography variant="body2" component="span" sx={{ fontWeight: 600 }} color="text.secondary">
        Evidence:
      </Typography>
      <Typography variant="body2" component="span">
        {check.label}
      </Typography>
      {!check.available ? (
        <Chip size="small" variant="outlined" label="available once reports exist" />
      ) : check.seen ? (
        <Chip size="small" color="success" variant="outlined" label={`seen ${formatTime(check.seen_at)}`} />
      ) : (
        <Chip size="small" variant="outlined" label="not seen yet" />
      )}
      {check.detail ? (
        <Typography variant="body2" component="span" color="text.secondary" data-testid={`${testId}-detail`}>
          {check.detail}
        </Typography>
      ) : null}
      {check.available ? (
        <Button size="small" onClick={open} disabled={opening} data-testid={`${testId}-open`}>
          {check.path.startsWith('#') ? 'Go to health check' : 'Open in tenant'}
        </Button>
      ) : null}
    </Stack>
  );
};

/**
 * One checklist step (SPEC O1, O2): what to do and how it is accepted, and every field edited in place.
 * Each change is one PATCH; the API decides the status (a reason blocks, clearing it unblocks) and answers
 * the whole checklist, so what shows is always what the server holds. A refusal (409) shows on the step.
 */
export const StepCard = ({ step, current, myId, tenantId, onPatch }: StepCardProps) => {
  const { key } = step;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason, reasonDirty] = useDraft(step.blocking_reason);
  const [evidence, setEvidence, evidenceDirty] = useDraft(step.evidence);
  const [due, setDue, dueDirty] = useDraft(step.due_date);

  const send = async (patch: StepPatch) => {
    setBusy(true);
    setError(null);
    try {
      await onPatch(patch);
    } catch (failure) {
      setError(messageOf(failure, 'The step could not be saved'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper
      variant="outlined"
      sx={{ p: 2, borderLeftWidth: 4, borderLeftColor: BORDER[step.status] }}
      data-testid={`step-${key}`}
      data-status={step.status}
      data-current={current}
      id={`step-${key}`}
    >
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 7 }}>
          <Stack spacing={1}>
            <Stack direction="row" spacing={1} alignItems="center" useFlexGap flexWrap="wrap">
              <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
                {stepNumber(key) ? (
                  <Box component="span" sx={{ fontFamily: 'monospace', mr: 1, color: 'text.secondary' }}>
                    {stepNumber(key)}
                  </Box>
                ) : null}
                {step.title}
              </Typography>
              <StepStatusChip status={step.status} testId={`step-status-chip-${key}`} />
              {current ? <Chip size="small" color="primary" variant="outlined" label="current step" /> : null}
              {step.go_no_go ? <Chip size="small" color="warning" variant="outlined" label="go / no-go" /> : null}
              {step.milestone ? <Chip size="small" variant="outlined" label={`Day ${step.milestone}`} /> : null}
            </Stack>
            <Stack direction="row" spacing={3} useFlexGap flexWrap="wrap">
              <Fact label="Owner">{ownerLabel(step.owner)}</Fact>
              <Fact label="Due" testId={`step-due-date-${key}`}>
                <Box
                  component="span"
                  sx={{ color: step.overdue ? 'error.main' : undefined, fontWeight: step.overdue ? 600 : undefined }}
                  data-overdue={step.overdue}
                >
                  {formatDate(step.due_date)}
                  {step.overdue ? ' · overdue' : ''}
                </Box>
              </Fact>
              <Fact label="Assignee" testId={`step-assignee-${key}`}>
                <span>{assigneeLabel(step.assignee_id, myId, step.assignee_name)}</span>
              </Fact>
              {step.started_at ? <Fact label="Started">{formatTime(step.started_at)}</Fact> : null}
              {step.completed_at ? <Fact label="Completed">{formatTime(step.completed_at)}</Fact> : null}
              {step.on_hold_days > 0 ? <Fact label="On hold">{step.on_hold_days} days</Fact> : null}
            </Stack>
            <Typography variant="body2">{step.action}</Typography>
            <Typography variant="body2" color="text.secondary" data-testid={`step-acceptance-${key}`}>
              <Box component="span" sx={{ fontWeight: 600 }}>
                Accepted when:{' '}
              </Box>
              {step.acceptance}
            </Typography>
            {step.evidence_check ? (
              <EvidenceLine check={step.evidence_check} tenantId={tenantId} testId={`step-evidence-check-${key}`} />
            ) : null}
            {step.blocking_reason ? (
              <Alert severity="warning" variant="outlined" sx={{ py: 0 }}>
                Blocked: {step.blocking_reason}
              </Alert>
            ) : null}
            {error ? (
              <Alert severity="error" onClose={() => setError(null)} data-testid={`step-error-${key}`}>
                {error}
              </Alert>
            ) : null}
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          <Stack spacing={1.5}>
            <Stack direction="row" spacing={1} alignItems="center">
              <TextField
                select
                label="Status"
                value={step.status}
                onChange={(event) => send({ status: event.target.value as StepStatus })}
                disabled={busy}
                size="small"
                sx={{ width: 200 }}
                slotProps={{
                  select: { native: true },
                  htmlInput: { 'data-testid': `step-status-${key}` },
                  inputLabel: { shrink: true },
                }}
              >
                {STEP_STATUSES.map((status) => (
                  // A step is blocked by giving a reason, never by the status alone.
                  <option key={status} value={status} disabled={status === 'blocked' && step.status !== 'blocked'}>
                    {status === 'blocked' && step.status !== 'blocked'
                      ? 'blocked (give a reason)'
                      : statusLabel(status)}
                  </option>
                ))}
              </TextField>
              {myId && step.assignee_id !== myId ? (
                <Button
                  size="small"
                  startIcon={<AssignmentIndIcon />}
                  onClick={() => send({ assignee_id: myId })}
                  disabled={busy}
                  data-testid={`step-assign-me-${key}`}
                >
                  Assign to me
                </Button>
              ) : null}
              {step.assignee_id ? (
                <Button
                  size="small"
                  onClick={() => send({ assignee_id: null })}
                  disabled={busy}
                  data-testid={`step-unassign-${key}`}
                >
                  Unassign
                </Button>
              ) : null}
            </Stack>
            <Stack direction="row" spacing={1} alignItems="flex-start">
              <TextField
                label="Blocking reason"
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                disabled={busy}
                size="small"
                fullWidth
                placeholder="What holds this step up"
                helperText={step.blocking_reason ? undefined : 'Saving a reason blocks the step'}
                slotProps={{
                  htmlInput: { 'data-testid': `step-reason-${key}`, maxLength: 500 },
                  inputLabel: { shrink: true },
                }}
              />
              <Button
                size="small"
                variant="outlined"
                color="error"
                onClick={() => send({ blocking_reason: reason.trim() })}
                disabled={busy || !reasonDirty || !reason.trim()}
                data-testid={`step-save-reason-${key}`}
                sx={{ mt: 0.5, flexShrink: 0 }}
              >
                {step.blocking_reason ? 'Update' : 'Block'}
              </Button>
              <Button
                size="small"
                onClick={() => send({ blocking_reason: null })}
                disabled={busy || !step.blocking_reason}
                data-testid={`step-clear-reason-${key}`}
                sx={{ mt: 0.5, flexShrink: 0 }}
              >
                Clear
              </Button>
            </Stack>
            <Stack direction="row" spacing={1} alignItems="flex-start">
              <TextField
                label="Evidence notes"
                value={evidence}
                onChange={(event) => setEvidence(event.target.value)}
                disabled={busy}
                size="small"
                fullWidth
                multiline
                minRows={1}
                maxRows={6}
                placeholder="Where the proof is: a link, a ticket, who signed"
                slotProps={{
                  htmlInput: { 'data-testid': `step-evidence-${key}`, maxLength: 4000 },
                  inputLabel: { shrink: true },
                }}
              />
              <Button
                size="small"
                variant="outlined"
                onClick={() => send({ evidence: evidence.trim() === '' ? null : evidence.trim() })}
                disabled={busy || !evidenceDirty}
                data-testid={`step-save-evidence-${key}`}
                sx={{ mt: 0.5, flexShrink: 0 }}
              >
                Save
              </Button>
            </Stack>
            <Stack direction="row" spacing={1} alignItems="flex-start">
              <TextField
                label="Due date"
                type="date"
                value={due}
                onChange={(event) => setDue(event.target.value)}
                disabled={busy}
                size="small"
                sx={{ width: 200 }}
                error={step.overdue}
                slotProps={{ htmlInput: { 'data-testid': `step-due-${key}` }, inputLabel: { shrink: true } }}
              />
              <Button
                size="small"
                variant="outlined"
                onClick={() => send({ due_date: due === '' ? null : due })}
                disabled={busy || !dueDirty}
                data-testid={`step-save-due-${key}`}
                sx={{ mt: 0.5, flexShrink: 0 }}
              >
                Save
              </Button>
            </Stack>
          </Stack>
        </Grid>
      </Grid>
    </Paper>
  );
};
