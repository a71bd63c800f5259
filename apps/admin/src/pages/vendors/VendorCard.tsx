import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import type { VendorCardView } from '@floor-os/contracts';
import {
  Alert,
  Box,
  Button,
  Card,
  CardActions,
  CardContent,
  CardHeader,
  Chip,
  Divider,
  FormControlLabel,
  IconButton,
  Stack,
  Switch,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify } from 'react-admin';
import { formatTime } from '../../components/format';
import { fieldErrorsOf, messageOf } from '../../providers/http';
import { usePanelData } from '../../providers/usePanelData';
import { DeepLinkEditor } from './DeepLinkEditor';
import {
  draftOf,
  draftProblems,
  secretProblem,
  SECRET_MAX,
  SECRET_MIN,
  SIGNING_SCHEMES,
  updateOf,
  vendorName,
  type DeepLinkDraft,
} from './deepLinkDraft';

const DEEP_LINK_PREFIX = 'deep_link.';

/** The query of every vendor card (Settings → Vendors), refreshed after a card is saved. */
export const VENDOR_CARDS_KEY = ['vendors', 'cards'] as const;

/** The card's status at a glance: on or off, secret or not, last event. */
const StatusChips = ({ card }: { card: VendorCardView }) => (
  <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap" data-testid={`vendor-status-${card.vendor}`}>
    <Chip
      size="small"
      label={card.enabled ? 'enabled' : 'disabled'}
      color={card.enabled ? 'success' : 'default'}
      variant="outlined"
      data-status={card.enabled ? 'enabled' : 'disabled'}
    />
    <Chip
      size="small"
      label={card.has_secret ? 'secret set' : 'no secret'}
      color={card.has_secret ? 'success' : card.webhook_url ? 'warning' : 'default'}
      variant="outlined"
      data-secret={String(card.has_secret)}
    />
    <Chip
      size="small"
      variant="outlined"
      label={card.last_event_at ? `last event ${formatTime(card.last_event_at)}` : 'no events yet'}
    />
  </Stack>
);

/** Where a dialer posts its outcomes, with a copy button, and how it must sign them (SPEC W1, W2). */
const WebhookEndpoint = ({ card }: { card: VendorCardView }) => {
  const notify = useNotify();
  if (!card.webhook_url) return null;
  const url = card.webhook_url.startsWith('/') ? `${window.location.origin}${card.webhook_url}` : card.webhook_url;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      notify('Webhook URL copied', { type: 'info' });
    } catch {
      notify('Copying is not available here: select the URL and copy it', { type: 'warning' });
    }
  };
  return (
    <Stack spacing={0.5}>
      <Typography variant="caption" color="text.secondary">
        Webhook URL (outcomes)
      </Typography>
      <Stack direction="row" spacing={0.5} alignItems="center">
        <Box
          component="code"
          sx={{ fontSize: 12, wordBreak: 'break-all', flex: 1 }}
          data-testid={`vendor-webhook-url-${card.vendor}`}
        >
          {url}
        </Box>
        <Tooltip title="Copy">
          <IconButton size="small" onClick={copy} aria-label={`Copy the ${vendorName(card)} webhook URL`}>
            <ContentCopyIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </Stack>
      {card.signing ? (
        <Typography variant="body2" color="text.secondary" data-testid={`vendor-signing-${card.vendor}`}>
          Signing: {SIGNING_SCHEMES[card.signing]}
        </Typography>
      ) : null}
    </Stack>
  );
};

/** Server messages for the deep link, by the editor's field names; the rest stay with the card. */
function splitServerErrors(fields: Record<string, string>): {
  deepLink: Record<string, string>;
  card: Record<string, string>;
} {
  const deepLink: Record<string, string> = {};
  const card: Record<string, string> = {};
  for (const [field, message] of Object.entries(fields)) {
    if (field.startsWith(DEEP_LINK_PREFIX)) deepLink[field.slice(DEEP_LINK_PREFIX.length)] = message;
    else card[field] = message;
  }
  return { deepLink, card };
}

/** One vendor card of Settings → Vendors (SPEC V1, V2): status, secret (write-only) and the deep link. */
export const VendorCard = ({ initial, canWrite }: { initial: VendorCardView; canWrite: boolean }) => {
  const notify = useNotify();
  const [card, setCard] = useState(initial);
  const [enabled, setEnabled] = useState(initial.enabled);
  const [secret, setSecret] = useState('');
  const [draft, setDraft] = useState<DeepLinkDraft>(() => draftOf(initial.deep_link, initial.kind));
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const vendor = card.vendor;
  const dataProvider = usePanelData();
  const queryClient = useQueryClient();
  const { mutateAsync: saveCard, isPending: saving } = useMutation({
    mutationFn: (update: ReturnType<typeof updateOf>) => dataProvider.saveVendorCard(vendor, update),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: VENDOR_CARDS_KEY }),
  });

  const server = splitServerErrors(serverErrors);
  // The browser's checks run as the template is typed; a server message shows until its field changes.
  const deepLinkErrors = { ...server.deepLink, ...draftProblems(draft) };
  const secretError = secretProblem(secret) ?? server.card.webhook_secret;
  const otherErrors = Object.entries(server.card).filter(([field]) => field !== 'webhook_secret');

  const changeDraft = (next: DeepLinkDraft) => {
    const changed = (Object.keys(next) as (keyof DeepLinkDraft)[]).filter((key) => next[key] !== draft[key]);
    setServerErrors((previous) =>
      Object.fromEntries(
        Object.entries(previous).filter(
          ([field]) => !changed.some((key) => field === `${DEEP_LINK_PREFIX}${key}`) && field !== 'deep_link',
        ),
      ),
    );
    setDraft(next);
  };

  const save = async () => {
    if (Object.keys(draftProblems(draft)).length > 0 || secretProblem(secret)) {
      notify('Fix the fields marked in red before saving', { type: 'warning' });
      return;
    }
    try {
      const saved = await saveCard(updateOf(enabled, secret, draft));
      setCard(saved);
      setEnabled(saved.enabled);
      setDraft(draftOf(saved.deep_link, saved.kind));
      setSecret('');
      setServerErrors({});
      notify(`${vendorName(saved)} saved`, { type: 'success' });
    } catch (error) {
      const fields = fieldErrorsOf(error);
      setServerErrors(fields);
      notify(messageOf(error, 'Saving failed'), { type: 'error' });
    }
  };

  return (
    <Card
      variant="outlined"
      data-testid={`vendor-card-${vendor}`}
      data-vendor={vendor}
      sx={{ height: '100%', display: 'flex', flexDirection: 'column' }}
    >
      <CardHeader
        title={vendorName(card)}
        subheader={card.kind}
        action={<StatusChips card={card} />}
        slotProps={{ title: { variant: 'h6' }, subheader: { variant: 'body2' } }}
        sx={{ pb: 0, '& .MuiCardHeader-action': { alignSelf: 'center', m: 0 } }}
      />
      <CardContent sx={{ flex: 1 }}>
        <Stack spacing={2}>
          <FormControlLabel
            control={
              <Switch
                checked={enabled}
                disabled={!canWrite}
                onChange={(event) => setEnabled(event.target.checked)}
                slotProps={{ input: { 'data-testid': `vendor-enabled-${vendor}` } as Record<string, string> }}
              />
            }
            label="Enabled"
          />
          <WebhookEndpoint card={card} />
          <TextField
            type="password"
            label={card.has_secret ? 'Rotate secret' : 'Set secret'}
            value={secret}
            onChange={(event) => {
              setSecret(event.target.value);
              setServerErrors(({ webhook_secret: _dropped, ...rest }) => rest);
            }}
            size="small"
            fullWidth
            disabled={!canWrite}
            autoComplete="new-password"
            error={!!secretError}
            helperText={
              secretError ??
              (card.has_secret
                ? `Secret set at ${formatTime(card.secret_set_at)}. Type a new one to rotate it; it is never shown again.`
                : `Write-only: ${SECRET_MIN} to ${SECRET_MAX} characters, never shown again after saving.`)
            }
            slotProps={{ htmlInput: { 'data-testid': `vendor-secret-${vendor}`, maxLength: SECRET_MAX } }}
          />
          <Divider />
          <DeepLinkEditor
            vendor={vendor}
            draft={draft}
            onChange={changeDraft}
            errors={deepLinkErrors}
            readOnly={!canWrite}
          />
          {otherErrors.length > 0 ? (
            <Alert severity="error" data-testid={`vendor-errors-${vendor}`}>
              {otherErrors.map(([field, message]) => (
                <div key={field}>
                  {field}: {message}
                </div>
              ))}
            </Alert>
          ) : null}
        </Stack>
      </CardContent>
      {canWrite ? (
        <CardActions sx={{ px: 2, pb: 2 }}>
          <Button variant="contained" onClick={save} disabled={saving} data-testid={`vendor-save-${vendor}`}>
            Save
          </Button>
          <Typography variant="caption" color="text.secondary">
            Leave the template and label empty for no deep link.
          </Typography>
        </CardActions>
      ) : null}
    </Card>
  );
};
