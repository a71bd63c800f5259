import EmailIcon from '@mui/icons-material/Email';
import PhoneIcon from '@mui/icons-material/Phone';
import SmsIcon from '@mui/icons-material/Sms';
import {
  Alert,
  AlertTitle,
  Button,
  ButtonGroup,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useNotify, useRefresh } from 'react-admin';
import { formatTime } from '../../components/format';
import { CodeChips } from '../../components/OutcomeChip';
import { usePanelData } from '../../providers/usePanelData';
import { AuditLink, ReasonsTable, StatuteChips } from './GateReasons';
import { CONSUMER_CHANNELS, CONSUMER_ONLY_HINT, type Initiator } from './InitiatedByChoice';
import type { ContactCheckAnswer as GateAnswer } from '@floor-os/contracts';
import { GATE_CHANNELS, type GateChannel } from './types';

const CHANNEL_ICONS = { voice: PhoneIcon, sms: SmsIcon, email: EmailIcon } as const;
const CHANNEL_LABELS: Record<GateChannel, string> = { voice: 'Voice', sms: 'SMS', email: 'Email' };

/** "Voice (inbound call)" when the consumer called in. */
const contactLabel = (channel: GateChannel, initiatedBy: Initiator) =>
  initiatedBy === 'consumer' ? `${CHANNEL_LABELS[channel]} (inbound call)` : CHANNEL_LABELS[channel];

/** Allowed (or allowed in shadow with a would-block warning): shown in place, with the audit id. */
const AllowedAnswer = ({
  channel,
  initiatedBy,
  answer,
}: {
  channel: GateChannel;
  initiatedBy: Initiator;
  answer: GateAnswer;
}) => {
  const wouldBlock = answer.would_block === true;
  const label = contactLabel(channel, initiatedBy);
  return (
    <Alert
      severity={wouldBlock ? 'warning' : 'success'}
      data-testid="gate-answer"
      data-allowed="true"
      data-would-block={String(wouldBlock)}
    >
      <AlertTitle>
        {wouldBlock ? `${label}: allowed in shadow mode — enforce mode would block this contact` : `${label}: allowed`}
      </AlertTitle>
      <Stack spacing={1}>
        <Typography variant="body2">
          Audit id <AuditLink auditId={answer.audit_id} /> · valid until {formatTime(answer.expires_at)} · mode{' '}
          {answer.mode}
        </Typography>
        {answer.reasons.length > 0 ? <ReasonsTable reasons={answer.reasons} /> : null}
        {answer.statutes.length > 0 ? <CodeChips values={answer.statutes} /> : null}
      </Stack>
    </Alert>
  );
};

/** Not allowed: the reasons and statutes in a dialog the agent must acknowledge. */
const BlockedDialog = ({
  channel,
  initiatedBy,
  answer,
  onClose,
}: {
  channel: GateChannel;
  initiatedBy: Initiator;
  answer: GateAnswer;
  onClose: () => void;
}) => (
  <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="gate-blocked-title">
    <DialogTitle id="gate-blocked-title">{contactLabel(channel, initiatedBy)} contact not allowed</DialogTitle>
    <DialogContent data-testid="gate-answer" data-allowed="false">
      <Stack spacing={2}>
        <Alert severity="error">
          The gate blocked this contact. Do not call, text or email this consumer on this channel now.
          {answer.next_allowed_at ? ` Next allowed: ${formatTime(answer.next_allowed_at)}.` : ''}
        </Alert>
        <ReasonsTable reasons={answer.reasons} />
        <StatuteChips statutes={answer.statutes} />
        <Typography variant="body2">
          Audit id <AuditLink auditId={answer.audit_id} />
        </Typography>
      </Stack>
    </DialogContent>
    <DialogActions>
      <Button variant="contained" onClick={onClose}>
        Understood
      </Button>
    </DialogActions>
  </Dialog>
);

/**
 * "Check before contact" (SPEC V3, G9): asks the gate through the panel's session door, the same engine
 * and audit as the dialers'. Every click is a real, logged check that may count as an attempt. Who started
 * the contact (the action bar asks) applies to voice: an inbound call the consumer placed is checked as such
 * and counts as no attempt; SMS and email are the collector's only.
 */
export const GateCheck = ({ accountId, initiatedBy = 'collector' }: { accountId: string; initiatedBy?: Initiator }) => {
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = usePanelData();
  const [pending, setPending] = useState<GateChannel | null>(null);
  const [result, setResult] = useState<{ channel: GateChannel; initiatedBy: Initiator; answer: GateAnswer } | null>(
    null,
  );
  const [dialogOpen, setDialogOpen] = useState(false);

  const check = async (channel: GateChannel) => {
    setPending(channel);
    setResult(null);
    const initiator: Initiator = CONSUMER_CHANNELS.includes(channel) ? initiatedBy : 'collector';
    try {
      const answer = await dataProvider.checkContact({
        account_id: accountId,
        channel,
        ...(initiator === 'consumer' ? { initiated_by: initiator } : {}),
      });
      setResult({ channel, initiatedBy: initiator, answer });
      setDialogOpen(!answer.allowed);
      refresh(); // the decision shows in the account's recent decisions
    } catch (error) {
      notify(error instanceof Error ? error.message : 'The gate could not be asked', { type: 'error' });
    } finally {
      setPending(null);
    }
  };

  return (
    <Stack spacing={1.5} data-testid="gate-check">
      <Stack direction="row" spacing={2} alignItems="center" useFlexGap flexWrap="wrap">
        <Typography variant="subtitle2">Check before contact</Typography>
        <ButtonGroup variant="outlined" size="small" aria-label="Check before contact">
          {GATE_CHANNELS.map((channel) => {
            const Icon = CHANNEL_ICONS[channel];
            // The consumer starts no text or email: those stay the collector's, and the API would refuse them.
            const collectorOnly = initiatedBy === 'consumer' && !CONSUMER_CHANNELS.includes(channel);
            return (
              <Button
                key={channel}
                startIcon={<Icon />}
                disabled={pending !== null || collectorOnly}
                onClick={() => check(channel)}
                title={collectorOnly ? CONSUMER_ONLY_HINT : undefined}
                data-testid={`gate-check-${channel}`}
              >
                {CHANNEL_LABELS[channel]}
              </Button>
            );
          })}
        </ButtonGroup>
      </Stack>
      {result?.answer.allowed ? (
        <AllowedAnswer channel={result.channel} initiatedBy={result.initiatedBy} answer={result.answer} />
      ) : null}
      {result && !result.answer.allowed && !dialogOpen ? (
        <Alert
          severity="error"
          data-testid="gate-blocked-summary"
          action={<Button onClick={() => setDialogOpen(true)}>Reasons</Button>}
        >
          {contactLabel(result.channel, result.initiatedBy)}: not allowed (
          {result.answer.reasons.map((reason) => reason.rule_id).join(', ')})
        </Alert>
      ) : null}
      {result && !result.answer.allowed && dialogOpen ? (
        <BlockedDialog
          channel={result.channel}
          initiatedBy={result.initiatedBy}
          answer={result.answer}
          onClose={() => setDialogOpen(false)}
        />
      ) : null}
    </Stack>
  );
};
