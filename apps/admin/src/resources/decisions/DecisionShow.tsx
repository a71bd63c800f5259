import {
  Alert,
  Box,
  Chip,
  Grid,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import {
  BooleanInput,
  Form,
  Link,
  SaveButton,
  SelectInput,
  Show,
  TextInput,
  required,
  useCanAccess,
  useNotify,
  useRecordContext,
  useRefresh,
} from 'react-admin';
import { factLabel, formatTime, formatValue, orderFacts } from '../../components/format';
import { CodeChips, OutcomeChip, outcomeOf } from '../../components/OutcomeChip';
import { StatusChip } from '../../components/StatusChip';
import {
  channelWord,
  choicesInWords,
  dialModeLabel,
  disputeCategoryLabel,
  dispositionLabel,
  inWords,
  modeLabel,
} from '../../components/words';
import { sessionHas } from '../../providers/access';
import { usePanelData } from '../../providers/usePanelData';
import { useSession } from '../../providers/session';
import {
  ANNOTATION_CATEGORIES,
  type AnnotationInput,
  type AnnotationView as Annotation,
  type DecisionDetailView as DecisionDetail,
} from '@floor-os/contracts';
import { agentOf } from './types';
import { Empty, Section } from '../../components/Section';

/** A decision is named by its account and time (the audit id is a fact on the page, not its name). */
const decisionName = (decision: Pick<DecisionDetail, 'account_id' | 'channel' | 'created_at'>) =>
  `${decision.account_id} · ${channelWord(decision.channel)} · ${formatTime(decision.created_at)}`;

const DecisionTitle = () => {
  const record = useRecordContext<DecisionDetail>();
  return <span>{record ? `Decision on ${record.account_id}, ${formatTime(record.created_at)}` : 'Decision'}</span>;
};

const Fact = ({ label, children }: { label: string; children: ReactNode }) => (
  <Box sx={{ minWidth: 120 }}>
    <Typography variant="caption" color="text.secondary" component="div">
      {label}
    </Typography>
    <Box sx={{ typography: 'body2' }}>{children}</Box>
  </Box>
);

/** Account and time, outcome and mode, where the check came from and its audit id. */
const DecisionHeader = ({ decision }: { decision: DecisionDetail }) => {
  const { canAccess: canOpenAccount } = useCanAccess({ resource: 'accounts', action: 'show' });
  return (
    <Box data-testid="decision-header">
      <Typography variant="h5" component="h1" sx={{ wordBreak: 'break-word' }} data-testid="decision-name">
        {decisionName(decision)}
      </Typography>
      <Stack direction="row" spacing={3} useFlexGap flexWrap="wrap" sx={{ mt: 2 }}>
        <Fact label="Time">{formatTime(decision.created_at)}</Fact>
        <Fact label="Outcome">
          <OutcomeChip outcome={outcomeOf(decision)} testId="decision-outcome" />
        </Fact>
        <Fact label="Mode">
          <Chip
            size="small"
            variant="outlined"
            label={modeLabel(decision.mode)}
            color={decision.mode === 'enforce' ? 'success' : 'info'}
            data-testid="decision-mode"
            data-mode={decision.mode}
          />
        </Fact>
        <Fact label="Channel">{channelWord(decision.channel)}</Fact>
        <Fact label="Who started it">
          <span data-testid="decision-initiated-by" data-value={decision.initiated_by ?? 'collector'}>
            {decision.initiated_by_text ??
              (decision.initiated_by === 'consumer' ? 'Started by the consumer' : 'Started by the collector')}
          </span>
        </Fact>
        <Fact label="Account">
          {canOpenAccount ? (
            <Link to={`/accounts/${encodeURIComponent(decision.account_id)}/show`}>{decision.account_id}</Link>
          ) : (
            decision.account_id
          )}
        </Fact>
        <Fact label="Agent">{agentOf(decision)}</Fact>
        <Fact label="Dial mode">{decision.dial_mode ? dialModeLabel(decision.dial_mode) : '—'}</Fact>
        <Fact label="Phone">{decision.phone_number ?? '—'}</Fact>
        <Fact label="Asked through">{decision.source === 'api' ? 'API' : inWords(decision.source)}</Fact>
        <Fact label="Latency">
          {decision.latency_ms === null || decision.latency_ms === undefined
            ? '—'
            : `${Number(decision.latency_ms).toFixed(1)} ms`}
        </Fact>
        <Fact label="Valid until">{formatTime(decision.expires_at)}</Fact>
        {decision.next_allowed_at ? <Fact label="Next allowed">{formatTime(decision.next_allowed_at)}</Fact> : null}
        <Fact label="Audit id">
          <Box
            component="span"
            sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}
            data-testid="decision-audit-id"
          >
            {decision.audit_id}
          </Box>
        </Fact>
        {decision.is_test ? (
          <Fact label="Test">
            <Chip size="small" label="smoke-test account" />
          </Fact>
        ) : null}
      </Stack>
    </Box>
  );
};

/** The rules that fired, with their citation and the rule's own text. */
const FindingsTable = ({ decision }: { decision: DecisionDetail }) => {
  if (!decision.findings?.length) return <Empty>No rule fired: nothing on file stopped this contact.</Empty>;
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>Rule</TableCell>
          <TableCell>Severity</TableCell>
          <TableCell>Statute</TableCell>
          <TableCell>Message</TableCell>
          <TableCell>Rule description</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {decision.findings.map((finding, index) => (
          <TableRow key={`${finding.rule_id}-${index}`} data-testid="finding-row" data-rule-id={finding.rule_id}>
            <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{finding.rule_id}</TableCell>
            <TableCell>
              <Chip
                size="small"
                variant="outlined"
                label={finding.severity}
                color={finding.severity === 'block' ? 'error' : 'warning'}
              />
              {finding.time_based ? (
                <Typography variant="caption" color="text.secondary" component="div">
                  time-based
                </Typography>
              ) : null}
            </TableCell>
            <TableCell data-testid="finding-statute">{finding.statute || finding.rule?.statute || '—'}</TableCell>
            <TableCell>{finding.message}</TableCell>
            <TableCell sx={{ color: 'text.secondary' }}>{finding.rule?.description ?? '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

/** The facts the rules saw, as they were at decision time (not as the account reads today). */
const FactsTable = ({ facts }: { facts: DecisionDetail['facts'] }) => {
  if (!facts) return <Empty>No facts: the account was not on file when the gate was asked.</Empty>;
  const entries = orderFacts(facts, ['candidate_zones']);
  const zones = Array.isArray(facts.candidate_zones) ? facts.candidate_zones.map(String) : null;
  return (
    <Stack spacing={2}>
      <Table size="small" data-testid="decision-facts">
        <TableBody>
          {entries.map(([key, value]) => (
            <TableRow key={key} data-fact={key}>
              <TableCell sx={{ width: '40%', color: 'text.secondary' }}>{factLabel(key)}</TableCell>
              <TableCell sx={{ wordBreak: 'break-word' }}>{formatValue(key, value)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {zones ? (
        <Box data-testid="candidate-zones">
          <Typography variant="subtitle2" gutterBottom>
            Candidate zones
          </Typography>
          <Typography variant="caption" color="text.secondary" component="div" sx={{ mb: 1 }}>
            Every time zone the consumer may be in (phone, ZIP, state, stated zone); hour rules must pass in all of
            them.
          </Typography>
          <CodeChips values={zones} />
        </Box>
      ) : null}
    </Stack>
  );
};

const DeliveriesTable = ({ decision }: { decision: DecisionDetail }) => {
  if (!decision.deliveries?.length) return null;
  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="subtitle2" gutterBottom>
        Reported by
      </Typography>
      <Table size="small" data-testid="decision-deliveries">
        <TableHead>
          <TableRow>
            <TableCell>Received</TableCell>
            <TableCell>Vendor</TableCell>
            <TableCell>Vendor event</TableCell>
            <TableCell>Disposition</TableCell>
            <TableCell>Delivery</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {decision.deliveries.map((delivery) => (
            <TableRow key={delivery.id} data-testid="delivery-row">
              <TableCell>{formatTime(delivery.received_at)}</TableCell>
              <TableCell>{delivery.vendor}</TableCell>
              <TableCell sx={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all', minWidth: 120 }}>
                {delivery.event_id}
              </TableCell>
              <TableCell>{delivery.disposition ? dispositionLabel(delivery.disposition) : '—'}</TableCell>
              <TableCell>{inWords(delivery.status)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};

const OutcomesTable = ({ decision }: { decision: DecisionDetail }) => {
  if (!decision.outcomes?.length) return <Empty>No outcome linked to this decision yet.</Empty>;
  return (
    <>
      <Table size="small" data-testid="decision-outcomes">
        <TableHead>
          <TableRow>
            <TableCell>At</TableCell>
            <TableCell>Channel</TableCell>
            <TableCell>Outcome</TableCell>
            <TableCell>Counted as attempt</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {decision.outcomes.map((outcome) => (
            <TableRow key={outcome.id} data-testid="outcome-row">
              <TableCell>{formatTime(outcome.at)}</TableCell>
              <TableCell>{channelWord(outcome.channel)}</TableCell>
              <TableCell>{dispositionLabel(outcome.outcome)}</TableCell>
              <TableCell>
                {outcome.counted ? 'yes' : outcome.source === 'inbound' ? 'no (the consumer called in)' : 'no'}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <DeliveriesTable decision={decision} />
    </>
  );
};

const AnnotationsTable = ({ annotations }: { annotations: Annotation[] }) => {
  const { canAccess: canOpenDisputes } = useCanAccess({ resource: 'disputes', action: 'show' });
  if (!annotations?.length) return <Empty>No annotation yet.</Empty>;
  return (
    <Table size="small" data-testid="annotations">
      <TableHead>
        <TableRow>
          <TableCell>When</TableCell>
          <TableCell>By</TableCell>
          <TableCell>Category</TableCell>
          <TableCell>Note</TableCell>
          <TableCell>Routed to</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Resolution</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {annotations.map((annotation) => (
          <TableRow key={annotation.id} data-testid="annotation-row" data-annotation-id={annotation.id}>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatTime(annotation.created_at)}</TableCell>
            <TableCell>{annotation.created_by_email ?? '—'}</TableCell>
            <TableCell>{disputeCategoryLabel(annotation.category)}</TableCell>
            <TableCell sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{annotation.note}</TableCell>
            <TableCell>{annotation.routed_to === 'it' ? 'IT' : '—'}</TableCell>
            <TableCell>
              {canOpenDisputes ? (
                <Link to={`/disputes/${encodeURIComponent(annotation.id)}/show`}>
                  <StatusChip record={annotation as unknown as Record<string, unknown>} />
                </Link>
              ) : (
                <StatusChip record={annotation as unknown as Record<string, unknown>} />
              )}
            </TableCell>
            <TableCell sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {annotation.resolution ?? '—'}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

/** SPEC A2: a note on the decision, categorised, optionally routed to IT as a dispute. Never an edit of the decision. */
const AnnotationForm = ({ auditId }: { auditId: string }) => {
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = usePanelData();
  const [formKey, setFormKey] = useState(0);

  const submit = async (values: Record<string, unknown>) => {
    const body: AnnotationInput = {
      note: String(values.note ?? '').trim(),
      category: values.category as AnnotationInput['category'],
      route_to_it: values.route_to_it === true,
    };
    try {
      await dataProvider.annotateDecision(auditId, body);
      notify(body.route_to_it ? 'Dispute filed and routed to IT' : 'Annotation filed', { type: 'success' });
      setFormKey((key) => key + 1);
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : 'The annotation could not be filed', { type: 'error' });
    }
  };

  return (
    <Box data-testid="annotation-form">
      <Form key={formKey} defaultValues={{ note: '', category: 'data-quality', route_to_it: false }} onSubmit={submit}>
        <Stack spacing={0}>
          <TextInput
            source="note"
            label="Note"
            multiline
            minRows={2}
            validate={required('Say what is wrong or why you disagree')}
            helperText="What is wrong with this decision, or what the data should say"
          />
          <SelectInput
            source="category"
            label="Category"
            choices={choicesInWords(ANNOTATION_CATEGORIES, disputeCategoryLabel)}
            validate={required()}
          />
          <BooleanInput source="route_to_it" label="Route to IT (opens a dispute IT resolves)" helperText={false} />
          <Box sx={{ mt: 1 }}>
            <SaveButton label="File annotation" alwaysEnable data-testid="annotation-submit" />
          </Box>
        </Stack>
      </Form>
    </Box>
  );
};

/** The drill-down (SPEC A1): facts used, rules fired, statute text, linked outcomes and annotations. */
const DecisionDrilldown = () => {
  const decision = useRecordContext<DecisionDetail>();
  const { session } = useSession();
  if (!decision) return null;
  const canAnnotate = sessionHas(session, 'decisions.annotate');
  const isUnavailable = decision.rule_ids?.includes('GATE_UNAVAILABLE');
  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <DecisionHeader decision={decision} />
      {decision.statutes?.length ? (
        <Box>
          <Typography variant="caption" color="text.secondary" component="div">
            Statutes
          </Typography>
          <CodeChips values={decision.statutes} />
        </Box>
      ) : null}
      {isUnavailable ? (
        <Alert severity="warning">
          The gate could not decide (database or timeout) and answered by its fail-safe rule.
        </Alert>
      ) : null}
      <Section
        title="Rules fired"
        subheader="What the gate found, with the statute and the rule's text"
        testId="decision-findings"
      >
        <FindingsTable decision={decision} />
      </Section>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 7 }}>
          <Section title="Facts used" subheader="What the rules saw at decision time" testId="decision-facts-section">
            <FactsTable facts={decision.facts} />
          </Section>
        </Grid>
        <Grid size={{ xs: 12, lg: 5 }}>
          <Section title="Outcomes" subheader="What the dialer or sender reported back for this decision">
            <OutcomesTable decision={decision} />
          </Section>
        </Grid>
      </Grid>
      <Section
        title="Annotations and disputes"
        subheader="Decisions never change; notes about them are kept beside them"
      >
        <AnnotationsTable annotations={decision.annotations ?? []} />
      </Section>
      {canAnnotate ? (
        <Section title="Dispute / annotate" subheader="Disagree with the decision or flag wrong data">
          <AnnotationForm auditId={decision.audit_id} />
        </Section>
      ) : null}
    </Stack>
  );
};

export const DecisionShow = () => (
  <Show title={<DecisionTitle />} actions={false}>
    <DecisionDrilldown />
  </Show>
);
