import { hasPermission, PERSONA_IDS } from '@floor-os/personas';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  FormControlLabel,
  Stack,
  Switch,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import {
  AccessDenied,
  CanAccess,
  CheckboxGroupInput,
  Confirm,
  Form,
  Labeled,
  Loading,
  required,
  TextInput,
  Title,
  useCanAccess,
  useNotify,
  useRefresh,
} from 'react-admin';
import { refreshSession } from '../providers/authProvider';
import { usePanelData } from '../providers/usePanelData';
import { useSession, type EnforcementMode, type SessionTenant } from '../providers/session';
import { personaChoices } from '../resources/users/types';
import { ReportSettings } from './ReportSettings';

interface SettingsValues {
  legal_name: string;
  active_personas: string[];
}

/** The app bar, menus and dashboard read the session's tenant: re-read it after a change. */
function useAfterTenantChange() {
  const refresh = useRefresh();
  return useCallback(async () => {
    await refreshSession();
    refresh();
  }, [refresh]);
}

const GeneralSettings = ({ tenant, onSaved }: { tenant: SessionTenant; onSaved: (tenant: SessionTenant) => void }) => {
  const { canAccess: canWrite } = useCanAccess({ resource: 'tenant-settings', action: 'edit' });
  const notify = useNotify();
  const afterChange = useAfterTenantChange();
  const dataProvider = usePanelData();
  const [saving, setSaving] = useState(false);

  const save = async (values: SettingsValues) => {
    setSaving(true);
    try {
      const saved = await dataProvider.saveTenantSettings({
        legal_name: values.legal_name,
        active_personas: values.active_personas,
      });
      onSaved(saved);
      notify('Tenant settings saved', { type: 'success' });
      await afterChange();
    } catch (error) {
      notify(error instanceof Error ? error.message : 'Saving failed', { type: 'error' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card>
      <CardHeader title="General" />
      <CardContent>
        <Form
          key={tenant.id}
          record={{ legal_name: tenant.legal_name, active_personas: tenant.active_personas }}
          onSubmit={(values: Record<string, unknown>) => save(values as unknown as SettingsValues)}
        >
          <Stack>
            <Labeled label="Slug">
              <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
                {tenant.slug}
              </Typography>
            </Labeled>
            <Labeled label="Pilot mode">
              <Typography variant="body2">{tenant.pilot_mode ? 'Yes: deferred screens are hidden' : 'No'}</Typography>
            </Labeled>
            <TextInput source="legal_name" label="Legal name" validate={required()} readOnly={!canWrite} />
            <CheckboxGroupInput
              source="active_personas"
              label="Active personas"
              helperText="Personas users of this tenant can be given"
              choices={personaChoices(PERSONA_IDS)}
              row={false}
              validate={required()}
              readOnly={!canWrite}
            />
            {canWrite ? (
              <Box>
                <Button type="submit" variant="contained" disabled={saving}>
                  Save
                </Button>
              </Box>
            ) : null}
          </Stack>
        </Form>
      </CardContent>
    </Card>
  );
};

/** SPEC G5 and decided detail 22: shadow ↔ enforce, by the personas holding `enforcement.switch`. */
const EnforcementSettings = ({
  tenant,
  onSwitched,
}: {
  tenant: SessionTenant;
  onSwitched: (mode: EnforcementMode) => void;
}) => {
  const { session } = useSession();
  const canSwitch = !!session && hasPermission(session.personas, 'enforcement.switch');
  const notify = useNotify();
  const afterChange = useAfterTenantChange();
  const dataProvider = usePanelData();
  const [confirming, setConfirming] = useState(false);
  const [switching, setSwitching] = useState(false);
  const enforcing = tenant.enforcement_mode === 'enforce';

  const switchTo = async (mode: EnforcementMode) => {
    setSwitching(true);
    try {
      await dataProvider.setEnforcementMode(mode);
      setConfirming(false);
      onSwitched(mode);
      notify(`Enforcement mode: ${mode}`, { type: 'success' });
      await afterChange();
    } catch (error) {
      notify(error instanceof Error ? error.message : 'Switching failed', { type: 'error' });
    } finally {
      setSwitching(false);
    }
  };

  return (
    <Card>
      <CardHeader title="Enforcement mode" />
      <CardContent>
        <Stack spacing={2}>
          <Stack direction="row" spacing={1} alignItems="center">
            <Typography variant="body2">Current mode:</Typography>
            <Chip
              data-testid="tenant-settings-mode"
              label={tenant.enforcement_mode}
              color={enforcing ? 'success' : 'info'}
            />
          </Stack>
          <Typography variant="body2" color="text.secondary">
            Shadow: the gate decides and logs every contact but always answers allowed, with what it would have blocked.
            Enforce: the gate blocks contacts that break a rule, and fails closed when it cannot decide.
          </Typography>
          <FormControlLabel
            control={
              <Switch
                checked={enforcing}
                disabled={!canSwitch || switching}
                onChange={(event) => (event.target.checked ? setConfirming(true) : switchTo('shadow'))}
                slotProps={{ input: { 'data-testid': 'enforcement-switch' } as Record<string, string> }}
              />
            }
            label="Enforce"
          />
          {!canSwitch ? (
            <Alert severity="info">Switching needs the permission to switch enforcement mode.</Alert>
          ) : null}
        </Stack>
      </CardContent>
      <Confirm
        isOpen={confirming}
        loading={switching}
        title="Switch to enforce?"
        content="From now on the gate blocks every contact that breaks a rule, and blocks when it cannot decide. Dialers will see refusals at once."
        confirm="Enforce"
        confirmColor="warning"
        onConfirm={() => switchTo('enforce')}
        onClose={() => setConfirming(false)}
      />
    </Card>
  );
};

const TenantSettings = () => {
  const { canAccess: canWrite } = useCanAccess({ resource: 'tenant-settings', action: 'edit' });
  const { session } = useSession();
  const dataProvider = usePanelData();
  const queryClient = useQueryClient();
  // One query per tenant in context: an operator who switches tenant reads the new one's settings.
  const key = ['tenant-settings', session?.tenant?.id ?? 'no-tenant'];
  const { data: tenant, error } = useQuery({
    queryKey: key,
    queryFn: () => dataProvider.getTenant(),
    enabled: !!session?.tenant,
  });
  const setTenant = (next: SessionTenant) => queryClient.setQueryData(key, next);

  if (session && !session.tenant) {
    return <Alert severity="info">Choose a tenant with the tenant switcher to see its settings.</Alert>;
  }
  if (error) return <Alert severity="error">Tenant settings could not load: {error.message}</Alert>;
  if (!tenant) return <Loading />;
  return (
    <Stack spacing={2}>
      <GeneralSettings tenant={tenant} onSaved={setTenant} />
      <ReportSettings tenant={tenant} canWrite={!!canWrite} onSaved={setTenant} />
      <EnforcementSettings tenant={tenant} onSwitched={(mode) => setTenant({ ...tenant, enforcement_mode: mode })} />
    </Stack>
  );
};

export const TenantSettingsPage = () => (
  <Box sx={{ mt: 2, maxWidth: 720 }}>
    <Title title="Tenant settings" />
    <CanAccess resource="tenant-settings" action="show" accessDenied={<AccessDenied />} loading={<Loading />}>
      <TenantSettings />
    </CanAccess>
  </Box>
);
