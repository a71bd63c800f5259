import {
  Box,
  Card,
  CardContent,
  Grid,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { ReactNode } from 'react';
import { Link, Show, useCanAccess, useRecordContext } from 'react-admin';
import { COMPLIANCE_FACT_KEYS, factLabel, formatMoney, formatTime, formatValue } from '../../components/format';
import { CodeChips, OutcomeChip, outcomeOf } from '../../components/OutcomeChip';
import { channelWord, dispositionLabel, modeLabel } from '../../components/words';
import { agentOf } from '../decisions/types';
import { sessionHas } from '../../providers/access';
import { useSession } from '../../providers/session';
import { AccountFlagChips } from './AccountFlags';
import { ConsumerRequests } from './ConsumerRequests';
import { ContactActionBar } from './ContactActionBar';
import { formatCallWindow, type AccountDetail as AccountDetailRecord } from './types';
import { Section } from '../../components/Section';

type Key = keyof AccountDetailRecord;

const CONTACT_FACTS: Key[] = ['phone_number', 'phone_type', 'email', 'email_is_work', 'last_contact_at', 'balance'];
const LOCATION_FACTS: Key[] = ['state', 'zip', 'timezone'];
const COMPLIANCE_FACTS = [...COMPLIANCE_FACT_KEYS] as Key[];
const RECORD_FACTS: Key[] = ['is_test', 'created_at', 'updated_at'];

const label = (key: Key) => factLabel(key);
const show = (account: AccountDetailRecord, key: Key) => {
  if (key === 'balance') return formatMoney(account.balance);
  if (key === 'call_window')
    return account.call_window ? `${formatCallWindow(account.call_window)} (consumer's local time)` : '—';
  return formatValue(key, account[key]);
};

/** Where a fact came from; the attorney's contact is recorded with the representation itself. */
const sourceOf = (account: AccountDetailRecord, key: Key): string | undefined =>
  account.fact_sources?.[key] ??
  (key === 'attorney_contact' && account.attorney_contact ? account.fact_sources?.attorney_represented : undefined);

const FactRows = ({
  account,
  keys,
  withSource = false,
}: {
  account: AccountDetailRecord;
  keys: Key[];
  withSource?: boolean;
}) => (
  <Table size="small">
    {withSource ? (
      <TableHead>
        <TableRow>
          <TableCell>Fact</TableCell>
          <TableCell>Value</TableCell>
          <TableCell>Source</TableCell>
        </TableRow>
      </TableHead>
    ) : null}
    <TableBody>
      {keys.map((key) => (
        <TableRow key={key} data-fact={key}>
          <TableCell sx={{ color: 'text.secondary', width: withSource ? '45%' : '40%' }}>{label(key)}</TableCell>
          <TableCell sx={{ wordBreak: 'break-word' }}>{show(account, key)}</TableCell>
          {withSource ? (
            <TableCell sx={{ color: 'text.secondary' }} data-fact-source={key}>
              {sourceOf(account, key) ?? '—'}
            </TableCell>
          ) : null}
        </TableRow>
      ))}
    </TableBody>
  </Table>
);

/** A decision named by its time, linked to its drill-down for those who may open the audit trail. */
const DecisionLink = ({ auditId, children }: { auditId: string | null; children: ReactNode }) => {
  const { canAccess } = useCanAccess({ resource: 'decisions', action: 'show' });
  if (!auditId || !canAccess) return <>{children}</>;
  return (
    <Link
      to={`/decisions/${encodeURIComponent(auditId)}/show`}
      title={`Decision ${auditId}`}
      data-testid="decision-link"
    >
      {children}
    </Link>
  );
};

/** A table that fits its card: a narrow window scrolls the table, never the page. */
const Fit = ({ children }: { children: ReactNode }) => (
  <Box sx={{ maxWidth: '100%', overflowX: 'auto' }}>{children}</Box>
);

const RecentDecisions = ({ account }: { account: AccountDetailRecord }) => {
  const rows = account.recent_decisions ?? [];
  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        The gate has not been asked about this account yet.
      </Typography>
    );
  }
  // The statutes and the audit id are on the decision's own page, which the time opens.
  return (
    <Fit>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>Time</TableCell>
            <TableCell>Channel</TableCell>
            <TableCell>Outcome</TableCell>
            <TableCell>Rules</TableCell>
            <TableCell>Agent</TableCell>
            <TableCell>Mode</TableCell>
            <TableCell>Next allowed</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((decision) => (
            <TableRow key={decision.audit_id} data-testid="recent-decision-row" data-audit-id={decision.audit_id}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <DecisionLink auditId={decision.audit_id}>{formatTime(decision.created_at)}</DecisionLink>
              </TableCell>
              <TableCell>{channelWord(decision.channel)}</TableCell>
              <TableCell>
                <OutcomeChip outcome={outcomeOf(decision)} />
              </TableCell>
              <TableCell>
                <CodeChips values={decision.rule_ids} monospace />
              </TableCell>
              <TableCell>{agentOf(decision)}</TableCell>
              <TableCell>{modeLabel(decision.mode)}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {decision.next_allowed_at ? formatTime(decision.next_allowed_at) : '—'}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Fit>
  );
};

const ContactHistory = ({ account }: { account: AccountDetailRecord }) => {
  const rows = account.contact_history ?? [];
  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No contact attempts in the last 30 days.
      </Typography>
    );
  }
  return (
    <Fit>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>At</TableCell>
            <TableCell>Channel</TableCell>
            <TableCell>Outcome</TableCell>
            <TableCell>Counted</TableCell>
            <TableCell>Gate decision</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id} data-testid="contact-history-row">
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatTime(row.at)}</TableCell>
              <TableCell>{channelWord(row.channel)}</TableCell>
              <TableCell>{dispositionLabel(row.outcome)}</TableCell>
              <TableCell>{row.counted ? 'yes' : 'no'}</TableCell>
              <TableCell>
                {row.audit_id ? (
                  <DecisionLink auditId={row.audit_id}>Open the decision</DecisionLink>
                ) : (
                  'none (reported without a gate check)'
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Fit>
  );
};

/** AccountDetail (SPEC V3): the facts the gate reads, where each compliance flag came from, and what happened. */
const AccountDetail = () => {
  const account = useRecordContext<AccountDetailRecord>();
  const { session } = useSession();
  if (!account) return null;
  // "Open in" and the gate check are the agent's (deep_links.open: each click is a real, logged gate check).
  const canCheck = sessionHas(session, 'deep_links.open');
  const canRecord = sessionHas(session, 'consumer_requests.record');
  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Stack spacing={1}>
        <Typography variant="h5" component="h1" sx={{ fontFamily: 'monospace' }} data-testid="account-id">
          {account.account_id}
        </Typography>
        <AccountFlagChips account={account} />
      </Stack>
      {canCheck ? (
        <Card variant="outlined" data-testid="account-action-bar">
          <CardContent>
            <Stack spacing={2}>
              <ContactActionBar accountId={account.account_id} />
            </Stack>
          </CardContent>
        </Card>
      ) : null}
      {canRecord ? <ConsumerRequests account={account} /> : null}
      <Grid container spacing={2} data-testid="account-facts">
        <Grid size={{ xs: 12, md: 6 }}>
          <Stack spacing={2}>
            <Section fill title="Contact">
              <FactRows account={account} keys={CONTACT_FACTS} />
            </Section>
            <Section fill title="Location" subheader="The gate checks calling hours in every zone these could mean">
              <FactRows account={account} keys={LOCATION_FACTS} />
            </Section>
            <Section fill title="Record">
              <FactRows account={account} keys={RECORD_FACTS} />
            </Section>
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Section
            fill
            title="Compliance flags"
            subheader="Each flag keeps its source; only its own source or an audited action clears it"
          >
            <FactRows account={account} keys={COMPLIANCE_FACTS} withSource />
          </Section>
        </Grid>
      </Grid>
      <Section
        fill
        title="Recent decisions"
        subheader="The latest gate answers for this account"
        testId="recent-decisions"
      >
        <RecentDecisions account={account} />
      </Section>
      <Section
        fill
        title="Contact history"
        subheader="Attempts and outcomes of the last 30 days, as the rules count them"
        testId="contact-history"
      >
        <ContactHistory account={account} />
      </Section>
    </Stack>
  );
};

const AccountTitle = () => {
  const record = useRecordContext<AccountDetailRecord>();
  return <span>Account {record?.account_id ?? ''}</span>;
};

export const AccountShow = () => (
  <Show title={<AccountTitle />} actions={false}>
    <AccountDetail />
  </Show>
);
