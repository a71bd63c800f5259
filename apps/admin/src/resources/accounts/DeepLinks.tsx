import LaunchIcon from '@mui/icons-material/Launch';
import type { AccountDeepLinkView, DeepLinkOpenView } from '@floor-os/contracts';
import {
  Alert,
  AlertTitle,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, useRefresh } from 'react-admin';
import { formatTime } from '../../components/format';
import { messageOf } from '../../providers/http';
import { usePanelData } from '../../providers/usePanelData';
import { AuditLink, ReasonsTable, StatuteChips } from './GateReasons';
import { CONSUMER_CHANNELS, CONSUMER_ONLY_HINT, type Initiator } from './InitiatedByChoice';

type Decision = NonNullable<DeepLinkOpenView['decision']>;

/** The gate refused: the reasons and statutes, and nothing opened. */
const BlockedDialog = ({ label, decision, onClose }: { label: string; decision: Decision; onClose: () => void }) => (
  <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="open-in-blocked-title">
    <DialogTitle id="open-in-blocked-title">Not opened: {label}</DialogTitle>
    <DialogContent data-testid="open-in-blocked">
      <Stack spacing={2}>
        <Alert severity="error">
          The gate blocked this contact, so {label} was not opened. Do not contact this consumer on this channel now.
          {decision.next_allowed_at ? ` Next allowed: ${formatTime(decision.next_allowed_at)}.` : ''}
        </Alert>
        <ReasonsTable reasons={decision.reasons} />
        <StatuteChips statutes={decision.statutes} testId="open-in-statutes" />
        <Typography variant="body2">
          Audit id <AuditLink auditId={decision.audit_id} testId="open-in-audit-id" />
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

/** Shadow mode never blocks: the link opened, but enforce mode would have refused it. */
const WouldBlockWarning = ({ label, decision }: { label: string; decision: Decision }) => (
  <Alert severity="warning" data-testid="open-in-warning">
    <AlertTitle>{label} opened in shadow mode — enforce mode would block this contact</AlertTitle>
    <Stack spacing={1}>
      <ReasonsTable reasons={decision.reasons} />
      <StatuteChips statutes={decision.statutes} />
      <Typography variant="body2">
        Audit id <AuditLink auditId={decision.audit_id} testId="open-in-audit-id" />
      </Typography>
    </Stack>
  </Alert>
);

/** Opened with the gate's warnings (e.g. the consumer called in after hours): what the agent should know. */
const OpenedWithWarnings = ({ label, decision }: { label: string; decision: Decision }) => (
  <Alert severity="info" data-testid="open-in-notes">
    <AlertTitle>{label} opened — the gate's warnings</AlertTitle>
    <Stack spacing={1}>
      <ReasonsTable reasons={decision.reasons} />
      <Typography variant="body2">
        Audit id <AuditLink auditId={decision.audit_id} testId="open-in-audit-id" />
      </Typography>
    </Stack>
  </Alert>
);

/**
 * "Open in <label>" (SPEC V3): one button per enabled vendor deep link, in sort order. The API asks the gate
 * first for a gated category and renders the URL only on allow; the panel opens exactly what it was given.
 * Who started the contact (the action bar asks) applies to voice and payment links only.
 */
export const DeepLinks = ({ accountId, initiatedBy = 'collector' }: { accountId: string; initiatedBy?: Initiator }) => {
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = usePanelData();
  const links = useQuery({
    queryKey: ['accounts', 'deep-links', accountId],
    queryFn: () => dataProvider.getAccountDeepLinks(accountId),
  });
  const [opening, setOpening] = useState<string | null>(null);
  const [answer, setAnswer] = useState<DeepLinkOpenView | null>(null);
  const [dialogOpen, setDialogOpen] = useState(false);

  const open = async (link: AccountDeepLinkView) => {
    setOpening(link.vendor);
    setAnswer(null);
    try {
      const consumer = initiatedBy === 'consumer' && CONSUMER_CHANNELS.includes(link.category);
      const result = await dataProvider.openAccountDeepLink(
        accountId,
        link.vendor,
        consumer ? { initiated_by: 'consumer' } : {},
      );
      setAnswer(result);
      if (result.opened && result.url) {
        window.open(result.url, '_blank', 'noopener,noreferrer');
      } else {
        setDialogOpen(true);
      }
      if (result.decision) refresh(); // the gate's decision shows in the account's recent decisions
    } catch (error) {
      notify(messageOf(error, `${link.label} could not be opened`), { type: 'error' });
    } finally {
      setOpening(null);
    }
  };

  const rows = links.data ?? [];
  if (links.error) {
    return (
      <Alert severity="warning" data-testid="open-in-error">
        The "Open in" links could not load: {links.error.message}
      </Alert>
    );
  }
  if (rows.length === 0) return null;
  const decision = answer?.decision ?? null;
  return (
    <Stack spacing={1.5} data-testid="open-in">
      <Stack direction="row" spacing={1} alignItems="center" useFlexGap flexWrap="wrap">
        <Typography variant="subtitle2">Quick access</Typography>
        {rows.map((link) => {
          // A consumer starts no text or email: with "the consumer" chosen, those links wait for the collector.
          const collectorOnly =
            initiatedBy === 'consumer' && link.requires_gate && !CONSUMER_CHANNELS.includes(link.category);
          return (
            <Button
              key={link.vendor}
              variant="contained"
              size="small"
              startIcon={<LaunchIcon />}
              disabled={opening !== null || collectorOnly}
              onClick={() => open(link)}
              title={
                collectorOnly ? CONSUMER_ONLY_HINT : link.requires_gate ? 'Asks the compliance gate first' : undefined
              }
              data-testid={`open-in-${link.vendor}`}
              data-requires-gate={String(link.requires_gate)}
            >
              Open in {link.label}
            </Button>
          );
        })}
      </Stack>
      {answer?.opened && decision?.would_block ? <WouldBlockWarning label={answer.label} decision={decision} /> : null}
      {answer?.opened && decision && !decision.would_block && decision.reasons.length > 0 ? (
        <OpenedWithWarnings label={answer.label} decision={decision} />
      ) : null}
      {answer && !answer.opened && decision && !dialogOpen ? (
        <Alert
          severity="error"
          data-testid="open-in-blocked-summary"
          action={<Button onClick={() => setDialogOpen(true)}>Reasons</Button>}
        >
          {answer.label}: not opened ({decision.reasons.map((reason) => reason.rule_id).join(', ')})
        </Alert>
      ) : null}
      {answer && !answer.opened && decision && dialogOpen ? (
        <BlockedDialog label={answer.label} decision={decision} onClose={() => setDialogOpen(false)} />
      ) : null}
      {answer && !answer.opened && !decision ? (
        <Alert severity="error" data-testid="open-in-blocked">
          {answer.label} was not opened.
        </Alert>
      ) : null}
    </Stack>
  );
};
