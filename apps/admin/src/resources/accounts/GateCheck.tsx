import EmailIcon from '@mui/icons-material/Email';
import PhoneIcon from '@mui/icons-material/Phone';
import SmsIcon from '@mui/icons-material/Sms';
import { Alert, AlertTitle, Button, ButtonGroup, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useNotify, useRefresh } from 'react-admin';
import { formatTime } from '../../components/format';
import { CodeChips } from '../../components/OutcomeChip';
import { apiFetch } from '../../providers/http';
import { AuditLink, ReasonsTable, StatuteChips } from './GateReasons';
import { GATE_CHANNELS, type GateAnswer, type GateChannel } from './types';

const CHANNEL_ICONS = { voice: PhoneIcon, sms: SmsIcon, email: EmailIcon } as const;
const CHANNEL_LABELS: Record<GateChannel, string> = { voice: 'Voice', sms: 'SMS', email: 'Email' };

/** Allowed (or allowed in shadow with a would-block warning): shown in place, with the audit id. */
const AllowedAnswer = ({ channel, answer }: { channel: GateChannel; answer: GateAnswer }) => {
  const wouldBlock = answer.would_block === true;
  return (
    <Alert severity={wouldBlock ? 'warning' : 'success'} data-testid="gate-answer" data-allowed="true" data-would-block={String(wouldBlock)}>
      <AlertTitle>
        {wouldBlock
          ? `${CHANNEL_LABELS[channel]}: allowed in shadow mode — enforce mode would block this contact`
          : `${CHANNEL_LABELS[channel]}: allowed`}
      </AlertTitle>
      <Stack spacing={1}>
        <Typography variant="body2">
          Audit id <AuditLink auditId={answer.audit_id} /> · valid until {formatTime(answer.expires_at)} · mode {answer.mode}
        </Typography>
        {answer.reasons.length > 0 ? <ReasonsTable reasons={answer.reasons} /> : null}
        {answer.statutes.length > 0 ? <CodeChips values={answer.statutes} /> : null}
      </Stack>
    </Alert>
  );
};

/** Not allowed: the reasons and statutes in a dialog the agent must acknowledge. */
const BlockedDialog = ({ channel, answer, onClose }: { channel: GateChannel; answer: GateAnswer; onClose: () => void }) => (
  <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="gate-blocked-title">
    <DialogTitle id="gate-blocked-title">{CHANNEL_LABELS[channel]} contact not allowed</DialogTitle>
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
 * and audit as the dialers'. Every click is a real, logged check that may count as an attempt.
 */
export const GateCheck = ({ accountId }: { accountId: string }) => {
  const notify = useNotify();
  const refresh = useRefresh();
  const [pending, setPending] = useState<GateChannel | null>(null);
  const [result, setResult] = useState<{ channel: GateChannel; answer: GateAnswer } | null>(null);
  const [dialogOpen, setDialogOpen] = useState(false);

  const check = async (channel: GateChannel) => {
    setPending(channel);
    setResult(null);
    try {
      const answer = await apiFetch<GateAnswer>('/compliance/contact-check/session', {
        method: 'POST',
        body: { account_id: accountId, channel },
      });
      setResult({ channel, answer });
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
            return (
              <Button
                key={channel}
                startIcon={<Icon />}
                disabled={pending !== null}
                onClick={() => check(channel)}
                data-testid={`gate-check-${channel}`}
              >
                {CHANNEL_LABELS[channel]}
              </Button>
            );
          })}
        </ButtonGroup>
      </Stack>
      {result?.answer.allowed ? <AllowedAnswer channel={result.channel} answer={result.answer} /> : null}
      {result && !result.answer.allowed && !dialogOpen ? (
        <Alert severity="error" data-testid="gate-blocked-summary" action={<Button onClick={() => setDialogOpen(true)}>Reasons</Button>}>
          {CHANNEL_LABELS[result.channel]}: not allowed ({result.answer.reasons.map((reason) => reason.rule_id).join(', ')})
        </Alert>
      ) : null}
      {result && !result.answer.allowed && dialogOpen ? (
        <BlockedDialog channel={result.channel} answer={result.answer} onClose={() => setDialogOpen(false)} />
      ) : null}
    </Stack>
  );
};
