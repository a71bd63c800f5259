import BlockIcon from '@mui/icons-material/Block';
import GavelIcon from '@mui/icons-material/Gavel';
import PhoneDisabledIcon from '@mui/icons-material/PhoneDisabled';
import PhoneLockedIcon from '@mui/icons-material/PhoneLocked';
import ScheduleIcon from '@mui/icons-material/Schedule';
import {
  Alert,
  Button,
  Card,
  CardContent,
  CardHeader,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  TextField,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useNotify, useRefresh } from 'react-admin';
import { usePanelData } from '../../providers/usePanelData';
import type { ConsumerRequest, ConsumerRequestKind } from '@floor-os/contracts';
import { formatCallWindow, formatHour, type AccountDetail } from './types';

type Icon = typeof BlockIcon;

interface KindSpec {
  label: string;
  title: string;
  icon: Icon;
  /** What recording it does, in the agent's words. */
  effect: (account: AccountDetail) => string;
  done: string;
}

const KINDS: Record<ConsumerRequestKind, KindSpec> = {
  cease: {
    label: 'Cease',
    title: 'The consumer asked us to stop contacting them',
    icon: BlockIcon,
    effect: () =>
      'Records a cease request (FDCPA §1692c(c)): from now on the gate blocks calls, texts, emails and collector-initiated payment requests on this account.',
    done: 'Cease recorded: the gate applies it from the next check',
  },
  revoke_consent: {
    label: 'Revoke consent',
    title: 'The consumer revoked consent to autodialed or prerecorded calls and texts',
    icon: PhoneLockedIcon,
    effect: () =>
      'Records the revocation (TCPA): from now on the gate blocks texts, and autodialed or prerecorded calls to a mobile number.',
    done: 'Consent revocation recorded: the gate applies it from the next check',
  },
  do_not_call_number: {
    label: 'Do not call this number',
    title: 'The consumer asked us not to call a number',
    icon: PhoneDisabledIcon,
    effect: (account) =>
      `Adds the number to the tenant's suppression list; calls and texts to it are blocked at once. Leave the number empty for the account's own number${
        account.phone_number ? ` (${account.phone_number})` : ''
      }.`,
    done: 'Number added to the suppression list',
  },
  inconvenient_times: {
    label: 'Convenient hours',
    title: 'The consumer said other times are inconvenient',
    icon: ScheduleIcon,
    effect: () =>
      "Choose the hours the consumer said ARE convenient, in the consumer's local time (FDCPA §1692c(a)(1)). The gate allows calls only inside them.",
    done: 'Convenient hours recorded: the gate applies them from the next check',
  },
  attorney: {
    label: 'Attorney',
    title: 'The consumer is represented by an attorney',
    icon: GavelIcon,
    effect: () =>
      'Records attorney representation (FDCPA §1692c(a)(2)): contact goes to the attorney, not the consumer.',
    done: 'Attorney representation recorded: the gate applies it from the next check',
  },
};

const ORDER: ConsumerRequestKind[] = [
  'cease',
  'revoke_consent',
  'do_not_call_number',
  'inconvenient_times',
  'attorney',
];

/** 8:00, 8:30, … 21:00: the hours a convenient window may start or end on. */
const HALF_HOURS = Array.from({ length: 27 }, (_, index) => 8 + index / 2);

/** The message of an API error, with its field messages (`{message, fields}`) when it has them. */
function errorText(error: unknown): string {
  const body = (error as { body?: { message?: string; fields?: Record<string, string[] | string> } } | null)?.body;
  const fields = body?.fields ? Object.values(body.fields).flat().join('; ') : '';
  const message = body?.message ?? (error instanceof Error ? error.message : 'The request could not be recorded');
  return fields ? `${message}: ${fields}` : message;
}

const HourSelect = ({
  label,
  value,
  onChange,
  hours,
  testId,
}: {
  label: string;
  value: number;
  onChange: (hour: number) => void;
  hours: number[];
  testId: string;
}) => (
  <TextField
    select
    label={label}
    value={value}
    onChange={(event) => onChange(Number(event.target.value))}
    size="small"
    sx={{ minWidth: 140 }}
    slotProps={{ select: { native: true }, htmlInput: { 'data-testid': testId }, inputLabel: { shrink: true } }}
  >
    {hours.map((hour) => (
      <option key={hour} value={hour}>
        {formatHour(hour)}
      </option>
    ))}
  </TextField>
);

/** The confirm dialog of one request: what it does, the fields it takes and an optional note. */
const RequestDialog = ({
  account,
  kind,
  onClose,
}: {
  account: AccountDetail;
  kind: ConsumerRequestKind;
  onClose: () => void;
}) => {
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = usePanelData();
  const spec = KINDS[kind];
  const [note, setNote] = useState('');
  const [phone, setPhone] = useState('');
  const [start, setStart] = useState(account.call_window?.start_hour ?? 9);
  const [end, setEnd] = useState(account.call_window?.end_hour ?? 17);
  const [attorney, setAttorney] = useState(account.attorney_contact ?? '');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const invalid =
    kind === 'inconvenient_times'
      ? start >= end
        ? 'The convenient hours must start before they end'
        : null
      : kind === 'do_not_call_number' && !phone.trim() && !account.phone_number
        ? 'This account has no phone number on file: enter the number'
        : null;

  const submit = async () => {
    const request: ConsumerRequest = { kind };
    if (note.trim()) request.note = note.trim();
    if (kind === 'do_not_call_number' && phone.trim()) request.phone_number = phone.trim();
    if (kind === 'inconvenient_times') Object.assign(request, { start_hour: start, end_hour: end });
    if (kind === 'attorney' && attorney.trim()) request.attorney_contact = attorney.trim();
    setSaving(true);
    setError(null);
    try {
      await dataProvider.recordConsumerRequest(account.account_id, request);
      notify(spec.done, { type: 'success' });
      refresh();
      onClose();
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setSaving(false);
    }
  };

  let fields: ReactNode = null;
  if (kind === 'do_not_call_number') {
    fields = (
      <TextField
        label="Number (optional)"
        value={phone}
        onChange={(event) => setPhone(event.target.value)}
        placeholder={account.phone_number ?? '+1 212 555 0100'}
        helperText="Another number the consumer named; empty means the account's number"
        size="small"
        autoComplete="off"
        slotProps={{ htmlInput: { 'data-testid': 'consumer-request-phone', maxLength: 20 } }}
      />
    );
  } else if (kind === 'inconvenient_times') {
    fields = (
      <Stack direction="row" spacing={2} alignItems="center">
        <HourSelect
          label="Convenient from"
          value={start}
          onChange={setStart}
          hours={HALF_HOURS.slice(0, -1)}
          testId="consumer-request-start-hour"
        />
        <HourSelect
          label="Convenient until"
          value={end}
          onChange={setEnd}
          hours={HALF_HOURS.slice(1)}
          testId="consumer-request-end-hour"
        />
      </Stack>
    );
  } else if (kind === 'attorney') {
    fields = (
      <TextField
        label="Attorney contact"
        value={attorney}
        onChange={(event) => setAttorney(event.target.value)}
        helperText="Name, firm and phone or email, as the consumer gave them"
        size="small"
        autoComplete="off"
        slotProps={{ htmlInput: { 'data-testid': 'consumer-request-attorney-contact', maxLength: 300 } }}
      />
    );
  }

  return (
    <Dialog
      open
      onClose={saving ? undefined : onClose}
      maxWidth="sm"
      fullWidth
      aria-labelledby="consumer-request-title"
    >
      <DialogTitle id="consumer-request-title">{spec.title}</DialogTitle>
      <DialogContent data-testid="consumer-request-dialog" data-kind={kind}>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <DialogContentText>{spec.effect(account)}</DialogContentText>
          {fields}
          <TextField
            label="Note (optional)"
            value={note}
            onChange={(event) => setNote(event.target.value)}
            helperText="What the consumer said, for the audit log"
            multiline
            minRows={2}
            size="small"
            slotProps={{ htmlInput: { 'data-testid': 'consumer-request-note', maxLength: 2000 } }}
          />
          {invalid ? <Alert severity="warning">{invalid}</Alert> : null}
          {error ? (
            <Alert severity="error" data-testid="consumer-request-error">
              {error}
            </Alert>
          ) : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={saving}>
          Cancel
        </Button>
        <Button
          variant="contained"
          onClick={submit}
          disabled={saving || invalid !== null}
          data-testid="consumer-request-confirm"
        >
          Record
        </Button>
      </DialogActions>
    </Dialog>
  );
};

/**
 * "Record what the consumer said" (SPEC decided detail 8): cease, revoke consent, do not call a number,
 * convenient hours, attorney. Each is audited by the API and read by the very next gate check.
 */
export const ConsumerRequests = ({ account }: { account: AccountDetail }) => {
  const [open, setOpen] = useState<ConsumerRequestKind | null>(null);
  return (
    <Card variant="outlined" data-testid="consumer-requests">
      <CardHeader
        title="Record what the consumer said"
        subheader={`Effective at once and audited. Convenient hours now: ${formatCallWindow(account.call_window)}`}
        slotProps={{ title: { variant: 'h6' }, subheader: { variant: 'body2' } }}
        sx={{ pb: 0 }}
      />
      <CardContent>
        <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap">
          {ORDER.map((kind) => {
            const { label, icon: KindIcon } = KINDS[kind];
            return (
              <Button
                key={kind}
                variant="outlined"
                size="small"
                startIcon={<KindIcon />}
                onClick={() => setOpen(kind)}
                data-testid={`request-${kind}`}
              >
                {label}
              </Button>
            );
          })}
        </Stack>
      </CardContent>
      {open ? <RequestDialog key={open} account={account} kind={open} onClose={() => setOpen(null)} /> : null}
    </Card>
  );
};
