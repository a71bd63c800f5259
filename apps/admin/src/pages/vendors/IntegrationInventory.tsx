import { INVENTORY_DIALERS, type IntegrationInventoryView } from '@floor-os/contracts';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Skeleton,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify } from 'react-admin';
import { formatTime } from '../../components/format';
import { errorCodeOf, fieldErrorsOf, messageOf } from '../../providers/http';
import { usePanelData } from '../../providers/usePanelData';

const INVENTORY_KEY = ['vendors', 'integration-inventory'] as const;

type Dialer = (typeof INVENTORY_DIALERS)[number];

/** The worksheet as typed: empty text is "not named yet" (null on the wire). */
interface InventoryForm {
  dialer: Dialer | '';
  crm: string;
  payment_processor: string;
  notes: string;
}

const formOf = (view: IntegrationInventoryView): InventoryForm => ({
  dialer: view.dialer ?? '',
  crm: view.crm ?? '',
  payment_processor: view.payment_processor ?? '',
  notes: view.notes ?? '',
});

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

const bodyOf = (form: InventoryForm) => ({
  dialer: form.dialer === '' ? null : form.dialer,
  crm: orNull(form.crm),
  payment_processor: orNull(form.payment_processor),
  notes: orNull(form.notes),
});

const sameForm = (a: InventoryForm, b: InventoryForm) => JSON.stringify(bodyOf(a)) === JSON.stringify(bodyOf(b));

const SignOffStatus = ({ view }: { view: IntegrationInventoryView }) =>
  view.signed_off_by && view.signed_off_at ? (
    <Chip
      color="success"
      variant="outlined"
      data-testid="inventory-signed-off"
      label={`Signed off by ${view.signed_off_by.name} at ${formatTime(view.signed_off_at)}`}
    />
  ) : (
    <Chip color="warning" variant="outlined" data-testid="inventory-not-signed-off" label="Not signed off" />
  );

const InventoryEditor = ({ initial, canWrite }: { initial: IntegrationInventoryView; canWrite: boolean }) => {
  const notify = useNotify();
  const [view, setView] = useState(initial);
  const [form, setForm] = useState(() => formOf(initial));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const dataProvider = usePanelData();
  const queryClient = useQueryClient();
  const { mutateAsync, isPending: busy } = useMutation({
    mutationFn: (action: () => Promise<IntegrationInventoryView>) => action(),
    onSuccess: (saved) => queryClient.setQueryData(INVENTORY_KEY, saved),
  });
  const dirty = !sameForm(form, formOf(view));
  const set = <K extends keyof InventoryForm>(key: K, value: InventoryForm[K]) =>
    setForm((previous) => ({ ...previous, [key]: value }));

  const run = async (action: () => Promise<IntegrationInventoryView>, done: string) => {
    try {
      const saved = await mutateAsync(action);
      setView(saved);
      setForm(formOf(saved));
      setErrors({});
      notify(done, { type: 'success' });
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      const incomplete = errorCodeOf(error) === 'INVENTORY_INCOMPLETE';
      notify(
        incomplete
          ? 'Name the dialer and save before signing off'
          : messageOf(error, 'The inventory could not be saved'),
        { type: 'error' },
      );
    }
  };
  const save = () => run(() => dataProvider.saveIntegrationInventory(bodyOf(form)), 'Integration inventory saved');
  const signOff = () => run(() => dataProvider.signOffIntegrationInventory(), 'Integration inventory signed off');

  const text = (key: 'crm' | 'payment_processor', label: string, testId: string) => (
    <TextField
      label={label}
      value={form[key]}
      onChange={(event) => set(key, event.target.value)}
      size="small"
      sx={{ flex: 1, minWidth: 0 }}
      disabled={!canWrite}
      error={!!errors[key]}
      helperText={errors[key]}
      slotProps={{ htmlInput: { 'data-testid': testId, maxLength: 200 } }}
    />
  );

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={1} alignItems="center" useFlexGap flexWrap="wrap">
        <SignOffStatus view={view} />
        {view.updated_at ? (
          <Typography variant="body2" color="text.secondary">
            Last changed {formatTime(view.updated_at)}
          </Typography>
        ) : null}
      </Stack>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={1.5}>
        <TextField
          select
          label="Dialer"
          value={form.dialer}
          onChange={(event) => set('dialer', event.target.value as InventoryForm['dialer'])}
          size="small"
          // A native select is as wide as its row allows: a fixed width leaves the text fields theirs.
          sx={{ width: { xs: '100%', md: 200 }, flexShrink: 0 }}
          disabled={!canWrite}
          error={!!errors.dialer}
          helperText={errors.dialer}
          slotProps={{
            select: { native: true },
            htmlInput: { 'data-testid': 'inventory-dialer' },
            inputLabel: { shrink: true },
          }}
        >
          <option value="">— not named —</option>
          {INVENTORY_DIALERS.map((dialer) => (
            <option key={dialer} value={dialer}>
              {dialer}
            </option>
          ))}
        </TextField>
        {text('crm', 'CRM', 'inventory-crm')}
        {text('payment_processor', 'Payment processor', 'inventory-payment-processor')}
      </Stack>
      <TextField
        label="Notes"
        value={form.notes}
        onChange={(event) => set('notes', event.target.value)}
        size="small"
        multiline
        minRows={2}
        disabled={!canWrite}
        error={!!errors.notes}
        helperText={errors.notes}
        slotProps={{ htmlInput: { 'data-testid': 'inventory-notes', maxLength: 2000 } }}
      />
      {canWrite ? (
        <Stack direction="row" spacing={1} alignItems="center">
          <Button variant="contained" onClick={save} disabled={busy || !dirty} data-testid="inventory-save">
            Save
          </Button>
          <Button
            variant="outlined"
            onClick={signOff}
            disabled={busy || dirty || !!view.signed_off_at}
            data-testid="inventory-sign-off"
          >
            Sign off
          </Button>
          <Typography variant="caption" color="text.secondary">
            {dirty ? 'Save the changes before signing off.' : 'Any later change clears the sign-off.'}
          </Typography>
        </Stack>
      ) : null}
    </Stack>
  );
};

/** The integration inventory worksheet (SPEC V4): dialer, CRM and payment processor, signed off by whom and when. */
export const IntegrationInventory = ({ canWrite }: { canWrite: boolean }) => {
  const dataProvider = usePanelData();
  const inventory = useQuery({ queryKey: INVENTORY_KEY, queryFn: () => dataProvider.getIntegrationInventory() });
  return (
    <Card variant="outlined" data-testid="integration-inventory">
      <CardHeader
        title="Integration inventory"
        subheader="What this tenant runs, for the onboarding sign-off"
        slotProps={{ title: { variant: 'h6' }, subheader: { variant: 'body2' } }}
        sx={{ pb: 0 }}
      />
      <CardContent>
        {inventory.error ? (
          <Alert severity="error">The inventory could not load: {inventory.error.message}</Alert>
        ) : null}
        {inventory.data ? <InventoryEditor initial={inventory.data} canWrite={canWrite} /> : null}
        {!inventory.data && !inventory.error ? (
          <Box>
            <Skeleton variant="rounded" height={120} />
          </Box>
        ) : null}
      </CardContent>
    </Card>
  );
};
