import type { TenantView } from '@floor-os/contracts';
import { REPORT_ZONE_OPTIONS } from '@floor-os/reports';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNotify, useRefresh } from 'react-admin';
import { refreshSession } from '../providers/authProvider';
import { useReportsProvider } from './reports/shared/useReports';

const BASELINE_MAX = 10_000_000;

/**
 * The tenant's report settings (decided detail 23 and SPEC P4): the time zone its report days and weeks, the
 * weekly review's Monday 07:00 and the pilot's Day 30/60/90 follow (US zones only), and the agents' weekly
 * queue throughput before Floor OS, the usage readout's baseline. Written by the Tenant Admin.
 */
export const ReportSettings = ({
  tenant,
  canWrite,
  onSaved,
}: {
  tenant: TenantView;
  canWrite: boolean;
  onSaved: (tenant: TenantView) => void;
}) => {
  const provider = useReportsProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const [timezone, setTimezone] = useState(tenant.timezone);
  const [baseline, setBaseline] = useState(
    tenant.queue_throughput_baseline === null || tenant.queue_throughput_baseline === undefined
      ? ''
      : String(tenant.queue_throughput_baseline),
  );
  useEffect(() => {
    setTimezone(tenant.timezone);
    setBaseline(
      tenant.queue_throughput_baseline === null || tenant.queue_throughput_baseline === undefined
        ? ''
        : String(tenant.queue_throughput_baseline),
    );
  }, [tenant]);
  const baselineValue = baseline.trim() === '' ? null : Number(baseline);
  const baselineValid =
    baselineValue === null || (Number.isInteger(baselineValue) && baselineValue >= 0 && baselineValue <= BASELINE_MAX);
  const zoneLabel =
    REPORT_ZONE_OPTIONS.find((option) => option.id === tenant.timezone)?.label ?? tenant.timezone.replaceAll('_', ' ');
  const save = useMutation({
    mutationFn: () => provider.updateTenant({ timezone, queue_throughput_baseline: baselineValue }),
    onSuccess: async (saved) => {
      onSaved(saved);
      notify('Report settings saved', { type: 'success' });
      // Pages print times in the session tenant's zone, and days and weeks follow it: re-read both.
      await refreshSession();
      await queryClient.invalidateQueries({ queryKey: ['reports'] });
      refresh();
    },
  });
  return (
    <Card data-testid="report-settings">
      <CardHeader title="Reports" slotProps={{ title: { variant: 'h6' } }} />
      <CardContent>
        {canWrite ? (
          <Stack
            spacing={2}
            component="form"
            onSubmit={(event) => {
              event.preventDefault();
              save.mutate();
            }}
          >
            <TextField
              select
              label="Time zone"
              value={timezone}
              onChange={(event) => setTimezone(event.target.value)}
              helperText="Report days and weeks, the weekly review (Mondays at 07:00) and the pilot's Day 30, 60 and 90 follow this zone."
              slotProps={{
                select: { SelectDisplayProps: { 'data-testid': 'timezone-select' } as Record<string, string> },
              }}
            >
              {REPORT_ZONE_OPTIONS.map((option) => (
                <MenuItem key={option.id} value={option.id}>
                  {option.label}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              label="Queue throughput before Floor OS (accounts worked a week)"
              value={baseline}
              onChange={(event) => setBaseline(event.target.value.replace(/[^\d]/g, '').slice(0, 8))}
              error={!baselineValid}
              helperText={
                baselineValid
                  ? 'Optional: the usage readout compares the agents’ weekly throughput with it.'
                  : `A whole number up to ${BASELINE_MAX.toLocaleString()}`
              }
              slotProps={{ htmlInput: { inputMode: 'numeric' } }}
            />
            {save.error ? <Alert severity="error">Saving failed: {save.error.message}</Alert> : null}
            <Box>
              <Button
                type="submit"
                variant="contained"
                disabled={save.isPending || !baselineValid}
                data-testid="report-settings-save"
              >
                Save
              </Button>
            </Box>
          </Stack>
        ) : (
          <Stack spacing={1}>
            <Typography variant="body2">Time zone: {zoneLabel}</Typography>
            <Typography variant="body2">
              Queue throughput before Floor OS:{' '}
              {tenant.queue_throughput_baseline === null || tenant.queue_throughput_baseline === undefined
                ? 'not entered'
                : `${tenant.queue_throughput_baseline.toLocaleString()} a week`}
            </Typography>
          </Stack>
        )}
      </CardContent>
    </Card>
  );
};
