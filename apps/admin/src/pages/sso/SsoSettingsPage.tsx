import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { SSO_NOT_CONFIGURED, type SsoSettingsView } from '@floor-os/contracts';
import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Card,
  CardActions,
  CardContent,
  CardHeader,
  Chip,
  FormControlLabel,
  FormHelperText,
  IconButton,
  MenuItem,
  Stack,
  Switch,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { AccessDenied, Confirm, Loading, Title, useNotify } from 'react-admin';
import { formatTime } from '../../components/format';
import { sessionHas } from '../../providers/access';
import { errorCodeOf, fieldErrorsOf, messageOf } from '../../providers/http';
import { usePanelData } from '../../providers/usePanelData';
import { useSession } from '../../providers/session';
import {
  bodyOf,
  domainsOf,
  draftOf,
  draftProblems,
  isEmailDomain,
  issuerHost,
  serverProblems,
  type SsoDraft,
  type SsoField,
} from './ssoSettings';

/** One fact of the state at a glance. */
const StateCard = ({ title, testId, children }: { title: string; testId: string; children: ReactNode }) => (
  <Card variant="outlined" data-testid={testId} sx={{ height: '100%' }}>
    <CardContent>
      <Typography variant="body2" color="text.secondary" gutterBottom>
        {title}
      </Typography>
      {children}
    </CardContent>
  </Card>
);

/** Whether single sign-on is set up, for which domains, whether it is required, and who last used it. */
const SsoState = ({ view }: { view: SsoSettingsView }) => (
  <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, 1fr)', lg: 'repeat(4, 1fr)' } }}>
    <StateCard title="Single sign-on" testId="sso-state">
      {view.configured ? (
        <>
          <Chip size="small" color="success" label="Set up" sx={{ mb: 1 }} />
          <Typography variant="body2">Through {issuerHost(view.issuer)}</Typography>
        </>
      ) : (
        <>
          <Chip size="small" label="Not set up" sx={{ mb: 1 }} />
          <Typography variant="body2">Everyone signs in with email and password.</Typography>
        </>
      )}
    </StateCard>
    <StateCard title="Email domains" testId="sso-domains">
      {view.email_domains.length > 0 ? (
        <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap">
          {view.email_domains.map((domain) => (
            <Chip key={domain} size="small" variant="outlined" label={domain} />
          ))}
        </Stack>
      ) : (
        <Typography variant="body2">None yet.</Typography>
      )}
    </StateCard>
    <StateCard title="Password sign-in" testId="sso-required">
      {view.required ? (
        <Typography variant="body2">
          Single sign-on is required. Only {view.break_glass_user?.name ?? 'the break-glass Tenant Admin'} can still
          sign in with a password.
        </Typography>
      ) : (
        <Typography variant="body2">
          {view.configured ? 'Still allowed: single sign-on is optional.' : 'Allowed for everyone.'}
        </Typography>
      )}
    </StateCard>
    <StateCard title="Last single sign-on" testId="sso-last-sign-in">
      {view.last_sign_in_at ? (
        <Typography variant="body2">
          {view.last_sign_in_user?.name ?? 'Someone'}, {formatTime(view.last_sign_in_at)}
        </Typography>
      ) : (
        <Typography variant="body2">Nobody has signed in with single sign-on yet.</Typography>
      )}
    </StateCard>
  </Box>
);

/** What to register at the identity provider: where it sends people back after they sign in. */
const ProviderRegistration = ({ url }: { url: string }) => {
  const notify = useNotify();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      notify('Sign-in return address copied', { type: 'info' });
    } catch {
      notify('Copying is not available here: select the address and copy it', { type: 'warning' });
    }
  };
  return (
    <Card>
      <CardHeader title="Register Floor OS at your identity provider" slotProps={{ title: { variant: 'h6' } }} />
      <CardContent sx={{ pt: 0 }}>
        <Stack spacing={1.5}>
          <Typography variant="body2">
            At your identity provider (Okta, Microsoft Entra ID, Google Workspace, Keycloak or any other that speaks
            OpenID Connect), add a web application for Floor OS. Where it asks for the redirect or sign-in return
            address, enter this address exactly:
          </Typography>
          <Stack direction="row" spacing={0.5} alignItems="center">
            <Box
              component="code"
              data-testid="sso-callback-url"
              sx={{ fontSize: 14, wordBreak: 'break-all', bgcolor: 'grey.100', px: 1, py: 0.5, borderRadius: 1 }}
            >
              {url}
            </Box>
            <Tooltip title="Copy">
              <IconButton size="small" onClick={copy} aria-label="Copy the sign-in return address">
                <ContentCopyIcon fontSize="small" />
              </IconButton>
            </Tooltip>
          </Stack>
          <Typography variant="body2" color="text.secondary">
            The provider must share each person&apos;s email address and confirm it is verified. It then gives you an
            issuer URL, a client ID and a client secret: enter them below.
          </Typography>
        </Stack>
      </CardContent>
    </Card>
  );
};

/** The active Tenant Admins of the tenant, by name: who may keep password sign-in when single sign-on is required. */
const BreakGlassPicker = ({
  view,
  value,
  error,
  disabled,
  onChange,
}: {
  view: SsoSettingsView;
  value: string | null;
  error?: string;
  disabled: boolean;
  onChange: (userId: string | null) => void;
}) => {
  const admins = [...view.break_glass_candidates];
  // The one chosen before stays shown by name even when no longer an active Tenant Admin (saving then says so).
  if (view.break_glass_user && !admins.some((admin) => admin.id === view.break_glass_user!.id))
    admins.push(view.break_glass_user);
  const helper =
    'Keeps signing in with a password, for the day the identity provider is down. Only an active Tenant Admin can be chosen.';
  return (
    <TextField
      select
      label="Break-glass Tenant Admin"
      value={value && admins.some((admin) => admin.id === value) ? value : ''}
      onChange={(event) => onChange(event.target.value || null)}
      disabled={disabled}
      error={!!error}
      helperText={error ?? helper}
      fullWidth
      slotProps={{ htmlInput: { 'data-testid': 'sso-break-glass' } }}
    >
      {admins.map((admin) => (
        <MenuItem key={admin.id} value={admin.id}>
          {admin.name}
          <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }}>
            {admin.email}
          </Typography>
        </MenuItem>
      ))}
    </TextField>
  );
};

/** The settings form: the provider, the secret (write-only), the email domains and "require single sign-on". */
const SsoSettingsForm = ({ view, onSaved }: { view: SsoSettingsView; onSaved: (view: SsoSettingsView) => void }) => {
  const notify = useNotify();
  const dataProvider = usePanelData();
  const [draft, setDraft] = useState<SsoDraft>(() => draftOf(view));
  const [domainText, setDomainText] = useState('');
  const [serverErrors, setServerErrors] = useState<Partial<Record<SsoField, string>>>({});
  const [checked, setChecked] = useState(false);
  const [saving, setSaving] = useState(false);

  const localErrors = checked ? draftProblems(draft, view.has_client_secret) : {};
  const errorOf = (field: SsoField) => serverErrors[field] ?? localErrors[field];

  const change = (fields: Partial<SsoDraft>, ...touched: SsoField[]) => {
    setDraft((previous) => ({ ...previous, ...fields }));
    setServerErrors((previous) =>
      Object.fromEntries(Object.entries(previous).filter(([field]) => !touched.includes(field as SsoField))),
    );
  };
  const addDomains = (text: string) =>
    change({ emailDomains: domainsOf([...draft.emailDomains, text].join(',')) }, 'email_domains');

  const save = async () => {
    // A domain still being typed counts as added.
    const pending = domainText.trim()
      ? { ...draft, emailDomains: domainsOf([...draft.emailDomains, domainText].join(',')) }
      : draft;
    setDraft(pending);
    setDomainText('');
    setChecked(true);
    if (Object.keys(draftProblems(pending, view.has_client_secret)).length > 0) {
      notify('Some settings need a fix: see the fields marked in red', { type: 'warning' });
      return;
    }
    setSaving(true);
    try {
      const saved = await dataProvider.saveSsoSettings(bodyOf(pending));
      setDraft(draftOf(saved));
      setServerErrors({});
      setChecked(false);
      onSaved(saved);
      notify('Single sign-on settings saved', { type: 'success' });
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (errorCodeOf(error) === 'SSO_DOMAIN_TAKEN' && !fields.email_domains)
        fields.email_domains = messageOf(error, 'An email domain already signs in with another organisation');
      const { byField, other } = serverProblems(fields);
      setServerErrors(byField);
      const fieldCount = Object.keys(byField).length;
      notify(
        other.length > 0
          ? other.join(' ')
          : fieldCount > 0
            ? 'Some settings need a fix: see the fields marked in red'
            : messageOf(error, 'Saving failed'),
        { type: 'error' },
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card>
      <CardHeader
        title={view.configured ? 'Settings' : 'Set up single sign-on'}
        slotProps={{ title: { variant: 'h6' } }}
      />
      <CardContent sx={{ pt: 0 }}>
        <Stack spacing={2.5}>
          <TextField
            label="Issuer URL"
            value={draft.issuer}
            onChange={(event) => change({ issuer: event.target.value }, 'issuer')}
            error={!!errorOf('issuer')}
            helperText={
              errorOf('issuer') ??
              'The address of your identity provider, as it gave it (for example https://acme.okta.com). It is checked when you save.'
            }
            fullWidth
            autoComplete="off"
            slotProps={{ htmlInput: { 'data-testid': 'sso-issuer', spellCheck: false } }}
          />
          <TextField
            label="Client ID"
            value={draft.clientId}
            onChange={(event) => change({ clientId: event.target.value }, 'client_id')}
            error={!!errorOf('client_id')}
            helperText={errorOf('client_id') ?? 'The identifier your identity provider gave the Floor OS application.'}
            fullWidth
            autoComplete="off"
            slotProps={{ htmlInput: { 'data-testid': 'sso-client-id', spellCheck: false } }}
          />
          <TextField
            type="password"
            label="Client secret"
            value={draft.clientSecret}
            onChange={(event) => change({ clientSecret: event.target.value }, 'client_secret')}
            error={!!errorOf('client_secret')}
            helperText={
              errorOf('client_secret') ??
              (view.has_client_secret
                ? 'A secret is stored. Leave this empty to keep it, or type a new one to replace it. It is never shown again.'
                : 'The secret your identity provider gave the Floor OS application. It is never shown again after saving.')
            }
            fullWidth
            autoComplete="new-password"
            slotProps={{ htmlInput: { 'data-testid': 'sso-client-secret' } }}
          />
          <Autocomplete
            multiple
            freeSolo
            autoSelect
            options={[] as string[]}
            value={draft.emailDomains}
            inputValue={domainText}
            onInputChange={(_event, text, reason) => {
              // A comma, a space or a new line ends a domain: typed or pasted lists become chips at once.
              if (reason === 'input' && /[\s,;]/.test(text)) {
                addDomains(text);
                setDomainText('');
              } else {
                setDomainText(text);
              }
            }}
            onChange={(_event, values) => change({ emailDomains: domainsOf(values.join(',')) }, 'email_domains')}
            renderValue={(values, getItemProps) =>
              values.map((domain, index) => {
                const { key, ...itemProps } = getItemProps({ index });
                return (
                  <Chip
                    key={key}
                    {...itemProps}
                    size="small"
                    label={domain}
                    color={isEmailDomain(domain) ? 'default' : 'error'}
                  />
                );
              })
            }
            renderInput={(params) => (
              <TextField
                {...params}
                label="Email domains"
                placeholder={draft.emailDomains.length === 0 ? 'acme-collections.com' : undefined}
                error={!!errorOf('email_domains')}
                helperText={
                  errorOf('email_domains') ??
                  'People whose email ends in one of these domains sign in through your identity provider. Press Enter or type a comma after each.'
                }
                slotProps={{
                  htmlInput: { ...params.inputProps, 'data-testid': 'sso-domains-input', spellCheck: false },
                }}
              />
            )}
          />
          <Box>
            <FormControlLabel
              control={
                <Switch
                  checked={draft.required}
                  onChange={(event) => change({ required: event.target.checked }, 'required', 'break_glass_user_id')}
                  slotProps={{ input: { 'data-testid': 'sso-required-switch' } as Record<string, string> }}
                />
              }
              label="Require single sign-on"
            />
            <FormHelperText error={!!errorOf('required')} sx={{ mt: 0 }}>
              {errorOf('required') ??
                'When on, a password no longer works for anyone of your organisation except the break-glass Tenant Admin: everyone signs in through the identity provider.'}
            </FormHelperText>
          </Box>
          {draft.required ? (
            <BreakGlassPicker
              view={view}
              value={draft.breakGlassUserId}
              error={errorOf('break_glass_user_id')}
              disabled={saving}
              onChange={(userId) => change({ breakGlassUserId: userId }, 'break_glass_user_id')}
            />
          ) : null}
        </Stack>
      </CardContent>
      <CardActions sx={{ px: 2, pb: 2 }}>
        <Button variant="contained" onClick={save} disabled={saving} data-testid="sso-save">
          Save
        </Button>
      </CardActions>
    </Card>
  );
};

/** The tenant's single sign-on settings, as the API keeps them. */
const SSO_KEY = ['sso-settings'] as const;

/** Removing the settings: everyone signs in with a password again. */
const RemoveSingleSignOn = ({ onRemoved }: { onRemoved: () => void }) => {
  const notify = useNotify();
  const dataProvider = usePanelData();
  const [confirming, setConfirming] = useState(false);
  const [removing, setRemoving] = useState(false);
  const remove = async () => {
    setRemoving(true);
    try {
      await dataProvider.removeSsoSettings();
      setConfirming(false);
      onRemoved();
      notify('Single sign-on removed: everyone signs in with email and password', { type: 'success' });
    } catch (error) {
      notify(messageOf(error, 'Removing failed'), { type: 'error' });
    } finally {
      setRemoving(false);
    }
  };
  return (
    <Card variant="outlined">
      <CardContent>
        <Stack
          direction={{ xs: 'column', sm: 'row' }}
          spacing={2}
          alignItems={{ sm: 'center' }}
          justifyContent="space-between"
        >
          <Typography variant="body2" color="text.secondary">
            Removing single sign-on sends everyone back to email and password sign-in.
          </Typography>
          <Button
            color="error"
            variant="outlined"
            onClick={() => setConfirming(true)}
            data-testid="sso-remove"
            sx={{ flexShrink: 0 }}
          >
            Remove single sign-on
          </Button>
        </Stack>
      </CardContent>
      <Confirm
        isOpen={confirming}
        loading={removing}
        title="Remove single sign-on?"
        content="From now on everyone signs in with email and password. People who have only ever signed in through the identity provider may not have a password yet."
        confirm="Remove"
        confirmColor="warning"
        onConfirm={remove}
        onClose={() => setConfirming(false)}
      />
    </Card>
  );
};

const SsoSettings = () => {
  const dataProvider = usePanelData();
  const queryClient = useQueryClient();
  const { data: view, error } = useQuery({ queryKey: SSO_KEY, queryFn: () => dataProvider.getSsoSettings() });
  const setView = (next: SsoSettingsView) => queryClient.setQueryData(SSO_KEY, next);
  // A new form after a save or a removal, so it starts from what the API keeps.
  const [revision, setRevision] = useState(0);

  if (error) return <Alert severity="error">The single sign-on settings could not load: {error.message}</Alert>;
  if (!view) return <Loading />;
  const removed = () => {
    setView({ ...view, ...SSO_NOT_CONFIGURED, email_domains: [] });
    setRevision((count) => count + 1);
  };
  return (
    <Stack spacing={2}>
      <SsoState view={view} />
      <ProviderRegistration url={view.redirect_uri} />
      <SsoSettingsForm key={revision} view={view} onSaved={setView} />
      {view.configured ? <RemoveSingleSignOn onRemoved={removed} /> : null}
    </Stack>
  );
};

/** Admin → Single sign-on (SPEC R7): the tenant's OpenID Connect settings, for whoever holds `sso.manage`. */
export const SsoSettingsPage = () => {
  const { session, isPending } = useSession();
  let body: ReactNode;
  if (isPending) body = <Loading />;
  // The page is offered by the catalogue's `sso.manage`; the API checks the same permission.
  else if (!sessionHas(session, 'sso.manage')) body = <AccessDenied />;
  else if (!session?.tenant)
    body = <Alert severity="info">Choose a tenant with the tenant switcher to see its single sign-on.</Alert>;
  else body = <SsoSettings />;
  return (
    <Box sx={{ mt: 2, maxWidth: 1100 }}>
      <Title title="Single sign-on" />
      {body}
    </Box>
  );
};
