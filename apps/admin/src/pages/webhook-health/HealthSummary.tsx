import type { WebhookHealthView } from '@floor-os/contracts';
import { Box, Chip, Grid, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatTime } from '../../components/format';
import { Stat } from '../../components/Stat';
import { vendorName } from '../vendors/deepLinkDraft';
import { formatRate } from './health';
import { WorkerStatus } from './WorkerStatus';
import { Empty, Section } from '../../components/Section';

const COUNTS = [
  { key: 'received', label: 'Received' },
  { key: 'processed', label: 'Processed' },
  { key: 'failed', label: 'Failed' },
  { key: 'pending', label: 'Pending' },
  { key: 'duplicates', label: 'Duplicates' },
  { key: 'refused', label: 'Refused (signature)' },
] as const;

/** The API also lists the source addresses that sent the most refused (unauthenticated) deliveries. */
type Health = WebhookHealthView;

const Numbers = ({ health }: { health: WebhookHealthView }) => (
  <Stack direction="row" spacing={4} useFlexGap flexWrap="wrap">
    <Stat label="Success rate" value={formatRate(health.success_rate)} testId="health-success-rate" />
    {COUNTS.map(({ key, label }) => (
      <Stat key={key} label={label} value={health[key]} testId={`health-${key}`} />
    ))}
  </Stack>
);

/** Where the deliveries of the window ended up, as bars (SPEC U3: numbers people would rather look at). */
const OutcomeChart = ({ health }: { health: WebhookHealthView }) => {
  const data = [
    { name: 'processed', count: health.processed, fill: '#2e7d32' },
    { name: 'pending', count: health.pending, fill: '#0288d1' },
    { name: 'failed', count: health.failed, fill: '#d32f2f' },
    { name: 'refused', count: health.refused, fill: '#ed6c02' },
    { name: 'duplicates', count: health.duplicates, fill: '#757575' },
  ];
  return (
    <Box sx={{ width: '100%', height: 180 }}>
      <ResponsiveContainer>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" fontSize={11} />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip />
          <Bar dataKey="count" name="Deliveries" isAnimationActive={false}>
            {data.map((entry) => (
              <Cell key={entry.name} fill={entry.fill} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </Box>
  );
};

const FailuresByReason = ({ health }: { health: WebhookHealthView }) =>
  health.failures_by_reason.length === 0 ? (
    <Empty>No failures in this window.</Empty>
  ) : (
    <Table size="small" data-testid="health-failures">
      <TableHead>
        <TableRow>
          <TableCell>Kind</TableCell>
          <TableCell>Reason</TableCell>
          <TableCell align="right">Count</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {health.failures_by_reason.map((row) => (
          <TableRow key={`${row.kind}-${row.reason}`} data-failure-reason={row.reason}>
            <TableCell>
              <Chip
                size="small"
                variant="outlined"
                color={row.kind === 'refused' ? 'warning' : 'error'}
                label={row.kind}
              />
            </TableCell>
            <TableCell sx={{ wordBreak: 'break-word' }}>{row.reason}</TableCell>
            <TableCell align="right">{row.count}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );

/** Refusals by source address: who is posting unsigned or forged deliveries (never part of the success rate). */
const RefusedSources = ({ health }: { health: Health }) =>
  !health.refused_sources || health.refused_sources.length === 0 ? null : (
    <Table size="small" data-testid="health-refused-sources">
      <TableHead>
        <TableRow>
          <TableCell>Refused from address</TableCell>
          <TableCell align="right">Count</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {health.refused_sources.map((row) => (
          <TableRow key={row.address} data-refused-source={row.address}>
            <TableCell sx={{ fontFamily: 'monospace' }}>{row.address}</TableCell>
            <TableCell align="right">{row.count}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );

const LastPerVendor = ({ health }: { health: WebhookHealthView }) => (
  <Table size="small" data-testid="health-vendors">
    <TableHead>
      <TableRow>
        <TableCell>Vendor</TableCell>
        <TableCell>Card</TableCell>
        <TableCell>Last delivery</TableCell>
        <TableCell>Status</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {health.vendors.map((vendor) => (
        <TableRow key={vendor.vendor} data-health-vendor={vendor.vendor}>
          <TableCell>{vendorName(vendor)}</TableCell>
          <TableCell>
            <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap">
              <Chip
                size="small"
                variant="outlined"
                label={vendor.enabled ? 'enabled' : 'disabled'}
                color={vendor.enabled ? 'success' : 'default'}
              />
              <Chip
                size="small"
                variant="outlined"
                label={vendor.has_secret ? 'secret set' : 'no secret'}
                color={vendor.has_secret ? 'success' : 'warning'}
              />
            </Stack>
          </TableCell>
          <TableCell sx={{ whiteSpace: 'nowrap' }}>
            {vendor.last_delivery_at ? formatTime(vendor.last_delivery_at) : 'never'}
          </TableCell>
          <TableCell>{vendor.last_status ?? '—'}</TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);

/** SPEC W5: success rate, failures by reason and the last delivery per vendor, for one window. */
export const HealthSummary = ({ health }: { health: Health }) => (
  <Grid container spacing={2}>
    <Grid size={12}>
      <Section
        fill
        title="Deliveries"
        subheader={`Last ${health.window_hours} h; success rate = processed / (processed + failed). Refused deliveries failed the signature check — anyone can send those, so they are counted beside the rate, never in it.`}
      >
        <Stack spacing={2}>
          <Numbers health={health} />
          <OutcomeChart health={health} />
          <Stack direction="row" spacing={1.5} alignItems="center" useFlexGap flexWrap="wrap">
            <WorkerStatus queue={health.queue} />
            <Typography variant="body2" color="text.secondary" data-testid="health-queue">
              This tenant's deliveries in the processing queue: {health.queue.waiting} waiting, {health.queue.active}{' '}
              active, {health.queue.delayed} retrying later, {health.queue.failed} failed
            </Typography>
          </Stack>
        </Stack>
      </Section>
    </Grid>
    <Grid size={{ xs: 12, xl: 6 }}>
      <Section fill title="Failures by reason">
        <Stack spacing={2}>
          <FailuresByReason health={health} />
          <RefusedSources health={health} />
        </Stack>
      </Section>
    </Grid>
    <Grid size={{ xs: 12, xl: 6 }}>
      <Section fill title="Last delivery per vendor">
        <LastPerVendor health={health} />
      </Section>
    </Grid>
  </Grid>
);
