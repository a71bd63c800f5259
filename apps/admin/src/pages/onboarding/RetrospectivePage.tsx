import { useQuery } from '@tanstack/react-query';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Skeleton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { AccessDenied, CanAccess, Link, Loading, Title } from 'react-admin';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { messageOf } from '../../providers/http';
import { usePanelData } from '../../providers/usePanelData';
import type { RetrospectiveGroupBy, RetrospectivePeriod } from '@floor-os/contracts';

/** Days with at most one decimal; "—" when the API has no value. */
const days = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${Math.round(value * 10) / 10}`;

const RetroChart = ({ periods }: { periods: RetrospectivePeriod[] }) => (
  <Box data-testid="retro-chart" data-periods={periods.length} sx={{ width: '100%', height: 280 }}>
    <ResponsiveContainer>
      <BarChart data={periods} margin={{ top: 8, right: 24, bottom: 4, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="period" fontSize={11} />
        <YAxis fontSize={11} label={{ value: 'days', angle: -90, position: 'insideLeft', fontSize: 11 }} />
        <Tooltip />
        <Legend />
        <Bar
          dataKey="median_total_days"
          name="Median total days"
          fill="#1976d2"
          maxBarSize={56}
          isAnimationActive={false}
        />
        <Bar dataKey="p75_total_days" name="p75 total days" fill="#90caf9" maxBarSize={56} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  </Box>
);

const RetroTable = ({ periods }: { periods: RetrospectivePeriod[] }) => (
  <Table size="small" data-testid="retro-table">
    <TableHead>
      <TableRow>
        <TableCell>Period</TableCell>
        <TableCell align="right">Completed</TableCell>
        <TableCell align="right">Median total</TableCell>
        <TableCell align="right">p75 total</TableCell>
        <TableCell align="right">To first gate call</TableCell>
        <TableCell align="right">To first import</TableCell>
        <TableCell align="right">To go-live</TableCell>
        <TableCell>Slipping step</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {periods.map((row) => (
        <TableRow key={row.period} data-testid={`retro-row-${row.period}`}>
          <TableCell data-testid="retro-period">{row.period}</TableCell>
          <TableCell align="right" data-testid="retro-count">
            {row.count}
          </TableCell>
          <TableCell align="right">{days(row.median_total_days)}</TableCell>
          <TableCell align="right">{days(row.p75_total_days)}</TableCell>
          <TableCell align="right">{days(row.median_days_to_first_gate_call)}</TableCell>
          <TableCell align="right">{days(row.median_days_to_first_import)}</TableCell>
          <TableCell align="right">{days(row.median_days_to_go_live)}</TableCell>
          <TableCell data-testid="retro-slipping" data-step={row.slipping_step?.key ?? ''}>
            {row.slipping_step
              ? `${row.slipping_step.title} (${days(row.slipping_step.median_days_late)} days late)`
              : '—'}
          </TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);

const RetroContent = ({ groupBy }: { groupBy: RetrospectiveGroupBy }) => {
  const dataProvider = usePanelData();
  const retro = useQuery({
    queryKey: ['onboarding', 'retrospective', groupBy],
    queryFn: () => dataProvider.getRetrospective(groupBy),
    placeholderData: (previous) => previous,
  });
  if (retro.error && !retro.data)
    return <Alert severity="error">{messageOf(retro.error, 'The retrospective could not be loaded')}</Alert>;
  if (!retro.data || retro.data.group_by !== groupBy) return <Skeleton variant="rectangular" height={280} />;
  const { periods } = retro.data;
  if (periods.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="retro-empty">
        No onboarding has been completed yet: the retrospective fills in as tenants go live.
      </Typography>
    );
  }
  return (
    <Stack spacing={2}>
      <RetroChart periods={periods} />
      <RetroTable periods={periods} />
    </Stack>
  );
};

/**
 * The onboarding retrospective (SPEC O5): completed onboardings per quarter or month, with the median and
 * p75 total days, the medians to the milestones, and the step that slipped most.
 */
export const RetrospectivePage = () => {
  const [groupBy, setGroupBy] = useState<RetrospectiveGroupBy>('quarter');
  return (
    <Box sx={{ mt: 2, mb: 4 }} data-testid="retrospective" data-group-by={groupBy}>
      <Title title="Onboarding retrospective" />
      <Button component={Link} to="/onboarding" size="small" startIcon={<ArrowBackIcon />} data-testid="retro-back">
        Board
      </Button>
      <Typography variant="h5" component="h1" gutterBottom>
        Onboarding retrospective
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Completed onboardings by the period they went live in: how long they took, and which step slipped most.
      </Typography>
      <CanAccess resource="onboarding" action="list" accessDenied={<AccessDenied />} loading={<Loading />}>
        <Card variant="outlined">
          <CardContent>
            <Stack spacing={2}>
              <ToggleButtonGroup
                size="small"
                exclusive
                value={groupBy}
                onChange={(_event, value: RetrospectiveGroupBy | null) => value && setGroupBy(value)}
                aria-label="Group by"
              >
                <ToggleButton value="quarter" data-testid="retro-group-quarter">
                  By quarter
                </ToggleButton>
                <ToggleButton value="month" data-testid="retro-group-month">
                  By month
                </ToggleButton>
              </ToggleButtonGroup>
              <RetroContent groupBy={groupBy} />
            </Stack>
          </CardContent>
        </Card>
      </CanAccess>
    </Box>
  );
};
