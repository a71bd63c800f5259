import { Chip, Stack, type ChipProps } from '@mui/material';
import { useRecordContext } from 'react-admin';
import type { Account } from './types';

interface Flag {
  key: string;
  label: string;
  color: ChipProps['color'];
}

/** The compliance facts that stop or limit contact, as short labels (what a reviewer scans a list for). */
export function activeFlags(account: Partial<Account>): Flag[] {
  const flags: Flag[] = [];
  const add = (on: unknown, key: string, label: string, color: ChipProps['color'] = 'error') => {
    if (on) flags.push({ key, label, color });
  };
  add(
    account.bankruptcy_flag,
    'bankruptcy_flag',
    account.bankruptcy_status ? `bankruptcy (${account.bankruptcy_status})` : 'bankruptcy',
  );
  add(account.cease_requested_at, 'cease_requested_at', 'cease');
  add(account.attorney_represented, 'attorney_represented', 'attorney');
  add(account.dispute_open, 'dispute_open', 'dispute');
  add(account.deceased, 'deceased', 'deceased');
  add(account.scra_active_duty, 'scra_active_duty', 'SCRA', 'warning');
  add(account.autodial_consent_revoked_at, 'autodial_consent_revoked_at', 'consent revoked', 'warning');
  add(account.sms_opt_out_at, 'sms_opt_out_at', 'SMS opt-out', 'warning');
  add(account.email_opt_out_at, 'email_opt_out_at', 'email opt-out', 'warning');
  add(account.call_window, 'call_window', 'hours limited', 'warning');
  add(account.employer_prohibits_calls, 'employer_prohibits_calls', 'no work calls', 'warning');
  for (const channel of account.medium_bans ?? []) add(true, `medium_ban_${channel}`, `no ${channel}`, 'warning');
  add(account.time_barred, 'time_barred', 'time-barred', 'warning');
  add(account.is_test, 'is_test', 'test', 'default');
  return flags;
}

export const AccountFlagChips = ({ account }: { account: Partial<Account> }) => {
  const flags = activeFlags(account);
  if (flags.length === 0) {
    // Sized to its label even inside a column Stack (which would stretch a bare chip across the page).
    return (
      <Chip
        size="small"
        variant="outlined"
        color="success"
        label="clear"
        data-flag="clear"
        sx={{ alignSelf: 'flex-start' }}
      />
    );
  }
  return (
    <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap">
      {flags.map((flag) => (
        <Chip
          key={flag.key}
          size="small"
          variant="outlined"
          color={flag.color}
          label={flag.label}
          data-flag={flag.key}
        />
      ))}
    </Stack>
  );
};

/** The record's flags (in a list). */
export const AccountFlagsField = (_props: { label?: string }) => {
  const record = useRecordContext<Account>();
  return record ? <AccountFlagChips account={record} /> : null;
};
