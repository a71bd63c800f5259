import type { UsageReport } from '@floor-os/contracts';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify } from 'react-admin';
import { sessionHas } from '../../../providers/access';
import { reportFileUrl, type MilestoneDay, type MilestoneDecision } from '../../../providers/reportsProvider';
import { useSession } from '../../../providers/session';
import { DownloadButton } from '../shared/DownloadButton';
import { useReportsProvider } from '../shared/useReports';
import { formatInstant, formatLocalDate, MILESTONE_DECISION_LABELS } from '../shared/words';
import { milestoneDates } from '@floor-os/reports';

const DAYS: readonly MilestoneDay[] = [30, 60, 90];
const NOTE_MAX = 2000;

const DecisionForm = () => {
  const provider = useReportsProvider();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [day, setDay] = useState<MilestoneDay>(30);
  const [decision, setDecision] = useState<MilestoneDecision>('continue');
  const [note, setNote] = useState('');
  const decide = useMutation({
    mutationFn: () => provider.decideMilestone({ day, decision, note: note.trim() }),
    onSuccess: () => {
      notify(`Day ${day} decision recorded`, { type: 'success' });
      setNote('');
      void queryClient.invalidateQueries({ queryKey: ['reports', 'usage'] });
    },
  });
  return (
    <Stack
      spacing={1.5}
      component="form"
      onSubmit={(event) => {
        event.preventDefault();
        decide.mutate();
      }}
      data-testid="milestone-form"
    >
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
        <TextField
          select
          size="small"
          label="Milestone"
          value={day}
          onChange={(event) => setDay(Number(event.target.value) as MilestoneDay)}
          sx={{ minWidth: 140 }}
        >
          {DAYS.map((value) => (
            <MenuItem key={value} value={value}>
              Day {value}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label="Decision"
          value={decision}
          onChange={(event) => setDecision(event.target.value as MilestoneDecision)}
          sx={{ minWidth: 160 }}
        >
          {(Object.keys(MILESTONE_DECISION_LABELS) as MilestoneDecision[]).map((value) => (
            <MenuItem key={value} value={value}>
              {MILESTONE_DECISION_LABELS[value]}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      <TextField
        size="small"
        multiline
        minRows={2}
        label={decision === 'pause' ? 'Exit note (why, and what would bring you back)' : 'Note'}
        value={note}
        onChange={(event) => setNote(event.target.value.slice(0, NOTE_MAX))}
        required={decision === 'pause'}
        slotProps={{ htmlInput: { 'data-testid': 'milestone-note' } }}
      />
      {decide.error ? <Alert severity="error">{decide.error.message}</Alert> : null}
      <Box>
        <Button
          type="submit"
          variant="contained"
          size="small"
          data-testid="milestone-record"
          disabled={decide.isPending || (decision === 'pause' && !note.trim())}
        >
          Record the decision
        </Button>
      </Box>
    </Stack>
  );
};

/** The Day 30/60/90 one-pagers and the milestone decisions (continue, expand or pause) of the pilot's M1.3–M1.5 steps. */
export const MilestoneDecisions = ({ report }: { report: UsageReport }) => {
  const { session } = useSession();
  const canDecide = sessionHas(session, 'usage_decision.write');
  // Day 30/60/90 in the tenant's calendar, counted from its start (the pilot's M1.3–M1.5 dates).
  const tenant = session?.tenant;
  const dates = new Map(
    tenant ? milestoneDates(Date.parse(tenant.created_at), tenant.timezone).map((m) => [m.day, m.date] as const) : [],
  );
  return (
    <Card data-testid="usage-milestones">
      <CardHeader
        title="Milestones"
        subheader="The one-page readout for each checkpoint, and what was decided"
        slotProps={{ title: { variant: 'h6' } }}
      />
      <CardContent sx={{ pt: 0 }}>
        <Stack direction="row" spacing={1} sx={{ mb: 2 }} flexWrap="wrap" useFlexGap>
          {DAYS.map((day) => (
            <DownloadButton key={day} href={reportFileUrl.usageReadoutPdf(day)} testId={`usage-pdf-${day}`}>
              Day {day} one-pager
              {dates.has(day)
                ? ` · ${formatLocalDate(dates.get(day), { month: 'short', day: 'numeric', year: 'numeric' })}`
                : ''}
            </DownloadButton>
          ))}
        </Stack>
        {report.decisions.length ? (
          <Table size="small" sx={{ mb: 2 }}>
            <TableHead>
              <TableRow>
                <TableCell>Milestone</TableCell>
                <TableCell>Decision</TableCell>
                <TableCell>Note</TableCell>
                <TableCell>By</TableCell>
                <TableCell>When</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {report.decisions.map((decision) => (
                <TableRow key={decision.day} data-testid="milestone-decision">
                  <TableCell>Day {decision.day}</TableCell>
                  <TableCell>{MILESTONE_DECISION_LABELS[decision.decision] ?? decision.decision}</TableCell>
                  <TableCell>{decision.note || '—'}</TableCell>
                  <TableCell>{decision.decided_by}</TableCell>
                  <TableCell>{formatInstant(decision.decided_at, report.timezone)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : (
          <Typography variant="body2" sx={{ mb: 2 }}>
            No milestone decided yet.
          </Typography>
        )}
        {canDecide ? <DecisionForm /> : null}
      </CardContent>
    </Card>
  );
};
