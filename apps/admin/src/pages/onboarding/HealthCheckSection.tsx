import { useQuery, useQueryClient } from '@tanstack/react-query';
import { HEALTH_CHECK_WINDOW_MS } from '@floor-os/onboarding';
import MonitorHeartIcon from '@mui/icons-material/MonitorHeart';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Grid,
  Skeleton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { formatTime } from '../../components/format';
import { messageOf } from '../../providers/http';
import { usePanelData } from '../../providers/usePanelData';
import { healthChecksKey } from './onboardingKeys';
import { ProbeStatusChip } from './StatusChips';
import type { HealthCheckRun } from '@floor-os/contracts';

/** Whether a passing run still lets go/no-go be marked done (the step machine's own window), and until when. */
function goNoGoWindow(runs: readonly HealthCheckRun[], now = Date.now()): { until: Date } | null {
  const pass = runs.find((run) => run.status === 'pass');
  if (!pass) return null;
  const until = new Date(Date.parse(pass.ran_at) + HEALTH_CHECK_WINDOW_MS);
  return until.getTime() > now ? { until } : null;
}

const PROBE_BORDER: Record<HealthCheckRun['status'], string> = {
  pass: 'success.main',
  warn: 'warning.main',
  fail: 'error.main',
};

/** One run's aggregate and each probe with its detail. */
const RunResults = ({ run }: { run: HealthCheckRun }) => (
  <Stack spacing={1.5} data-testid="health-latest" data-run-id={run.id}>
    <Stack direction="row" spacing={1} alignItems="center" useFlexGap flexWrap="wrap">
      <ProbeStatusChip status={run.status} testId="health-aggregate" size="medium" />
      <Typography variant="body2" color="text.secondary">
        {formatTime(run.ran_at)} · by {run.ran_by}
      </Typography>
    </Stack>
    <Grid container spacing={1.5}>
      {run.results.map((result) => (
        <Grid key={result.id} size={{ xs: 12, md: 4 }}>
          <Box
            data-testid={`health-result-${result.id}`}
            data-status={result.status}
            sx={{ borderLeft: 3, borderColor: PROBE_BORDER[result.status], pl: 1.5, height: '100%' }}
          >
            <Stack direction="row" spacing={1} alignItems="center">
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {result.label}
              </Typography>
              <ProbeStatusChip status={result.status} />
              <Typography variant="caption" color="text.secondary">
                {result.duration_ms} ms
              </Typography>
            </Stack>
            <Typography
              variant="body2"
              color="text.secondary"
              sx={{ wordBreak: 'break-word' }}
              data-testid="health-detail"
            >
              {result.detail}
            </Typography>
          </Box>
        </Grid>
      ))}
    </Grid>
  </Stack>
);

const History = ({ runs }: { runs: readonly HealthCheckRun[] }) => (
  <Box sx={{ maxHeight: 240, overflowY: 'auto' }}>
    <Table size="small" data-testid="health-history">
      <TableHead>
        <TableRow>
          <TableCell>When</TableCell>
          <TableCell>Result</TableCell>
          <TableCell>Probes</TableCell>
          <TableCell>By</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {runs.map((run) => (
          <TableRow key={run.id} data-testid={`health-run-${run.id}`} data-status={run.status}>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatTime(run.ran_at)}</TableCell>
            <TableCell>
              <ProbeStatusChip status={run.status} />
            </TableCell>
            <TableCell>
              <Typography variant="caption">
                {run.results.map((result) => `${result.label}: ${result.status}`).join(' · ')}
              </Typography>
            </TableCell>
            <TableCell>
              <Typography variant="caption">{run.ran_by}</Typography>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  </Box>
);

/**
 * The tenant health check (SPEC O4): the registered probes (sample login, sample transaction, sample
 * report) run on demand; the aggregate is the worst result; every run is kept, newest first.
 */
export const HealthCheckSection = ({
  tenant,
  onRan,
}: {
  tenant: string;
  /** After each run: the checklist's evidence changes with it. */ onRan?: () => void;
}) => {
  const dataProvider = usePanelData();
  const queryClient = useQueryClient();
  const history = useQuery({ queryKey: healthChecksKey(tenant), queryFn: () => dataProvider.getHealthChecks(tenant) });
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const runs = history.data ?? [];
  const latest = runs[0];
  const goNoGo = goNoGoWindow(runs);

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      await dataProvider.runHealthCheck(tenant);
      await queryClient.invalidateQueries({ queryKey: healthChecksKey(tenant) });
      onRan?.();
    } catch (failure) {
      setError(messageOf(failure, 'The health check could not run'));
    } finally {
      setRunning(false);
    }
  };

  return (
    <Card variant="outlined" data-testid="health-check" id="health-check">
      <CardHeader
        title="Tenant health check"
        subheader="Sample login, sample transaction and sample report. Go/no-go needs a pass in the last 24 hours."
        slotProps={{ title: { variant: 'h6' }, subheader: { variant: 'body2' } }}
        action={
          <Button
            variant="contained"
            startIcon={<MonitorHeartIcon />}
            onClick={run}
            disabled={running}
            data-testid="run-health-check"
          >
            {running ? 'Running…' : 'Run health check'}
          </Button>
        }
      />
      <CardContent>
        <Stack spacing={2}>
          {error ? (
            <Alert severity="error" data-testid="health-error">
              {error}
            </Alert>
          ) : null}
          {history.error ? (
            <Alert severity="error">The health check history could not load: {history.error.message}</Alert>
          ) : null}
          {!history.data && !history.error ? <Skeleton variant="rounded" height={120} /> : null}
          {history.data && !latest ? (
            <Typography variant="body2" color="text.secondary" data-testid="health-none">
              No health check has run for this tenant yet.
            </Typography>
          ) : null}
          {latest ? <RunResults run={latest} /> : null}
          {history.data ? (
            <Typography
              variant="body2"
              color={goNoGo ? 'success.main' : 'text.secondary'}
              data-testid="health-go-no-go"
            >
              {goNoGo
                ? `Go/no-go may be marked done until ${goNoGo.until.toLocaleString()}.`
                : 'No passing health check in the last 24 hours: go/no-go cannot be marked done yet.'}
            </Typography>
          ) : null}
          {runs.length > 1 ? (
            <Box>
              <Typography variant="subtitle2" gutterBottom>
                History
              </Typography>
              <History runs={runs} />
            </Box>
          ) : null}
        </Stack>
      </CardContent>
    </Card>
  );
};
