import { Alert, Box, Card, CardContent, CardHeader, Stack, Typography } from '@mui/material';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatTime } from '../../components/format';
import {
  CountStats,
  recordCounts,
  recordsSentence,
  RejectedDownload,
  reportOf,
  rowCounts,
  rowsSentence,
  statuteRows,
  unitWords,
} from './Counts';
import type { ImportHistoryReport, ImportView } from '@floor-os/contracts';
import { WarningList } from './WarningList';
import { Section } from '../../components/Section';

const BAR_HEIGHT = 36;

/** Valid rows blocked per statute at intake (SPEC I5), as horizontal bars: statute texts are long. */
const BlocksChart = ({ blocks }: { blocks: Record<string, number> }) => {
  const data = statuteRows(blocks);
  if (data.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="blocks-chart" data-statutes={0}>
        No imported row is blocked by a rule.
      </Typography>
    );
  }
  return (
    <Box
      data-testid="blocks-chart"
      data-statutes={data.length}
      sx={{ width: '100%', height: 40 + data.length * BAR_HEIGHT }}
    >
      <ResponsiveContainer>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} fontSize={11} />
          <YAxis type="category" dataKey="statute" width={260} fontSize={11} />
          <Tooltip />
          <Bar dataKey="count" name="Valid rows blocked" fill="#d32f2f" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </Box>
  );
};

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * The tenant's contact history after this import (SPEC I7): the caps of day one count only what is in the
 * ledger, so accounts contacted lately without imported history are a warning with examples.
 */
const HistorySection = ({ history, isHistoryImport }: { history: ImportHistoryReport; isHistoryImport: boolean }) => (
  <Stack spacing={1} data-testid="report-history">
    {isHistoryImport && history.accounts_in_file !== null ? (
      <Typography variant="body2" data-testid="report-history-file">
        This file brought contacts for {plural(history.accounts_in_file, 'account', 'accounts')}
        {history.opted_out ? `; ${plural(history.opted_out, 'account', 'accounts')} got an opt-out from it` : ''}.
      </Typography>
    ) : null}
    <Typography variant="body2" data-testid="report-history-accounts">
      {history.accounts_with_history === 0
        ? 'No account of the tenant carries imported contact history yet.'
        : `${plural(history.accounts_with_history, 'account carries', 'accounts carry')} imported contact history: the gate counts those contacts toward its caps.`}
    </Typography>
    {history.recent_without_history > 0 ? (
      <Alert severity="warning" data-testid="report-history-warning">
        {plural(history.recent_without_history, 'account was', 'accounts were')} contacted in the last 7 days (by the
        last contact date on file) but
        {history.recent_without_history === 1 ? ' has' : ' have'} no imported contact history, so{' '}
        {history.recent_without_history === 1 ? 'its' : 'their'} frequency caps start from zero. Import the previous
        dialer&apos;s log for them (Imports → Contact history)
        {history.examples.length ? `, for example ${history.examples.join(', ')}` : ''}.
      </Alert>
    ) : null}
  </Stack>
);

/**
 * The intake report (SPEC I5): what was read (rows), what it came to and what was written (accounts or
 * transactions), what is blocked and why, the warnings, and the rejected rows.
 */
export const ImportReport = ({ view }: { view: ImportView }) => {
  const report = reportOf(view);
  return (
    <Card variant="outlined" data-testid="import-report">
      <CardHeader
        title="Intake report"
        subheader={`Applied ${formatTime(view.applied_at)} · ${view.filename} · uploaded by ${view.created_by}`}
        slotProps={{ title: { variant: 'h6' }, subheader: { variant: 'body2' } }}
        sx={{ pb: 0 }}
      />
      <CardContent>
        <Stack spacing={3}>
          <Section plain title="Rows">
            <CountStats items={rowCounts(report)} prefix="report" />
            <Typography variant="body2" color="text.secondary" data-testid="report-rows-sentence">
              {rowsSentence(report)}
            </Typography>
          </Section>
          <Section plain title={unitWords(report.applied.unit).many}>
            <CountStats items={recordCounts(report, true)} prefix="report" />
            <Typography variant="body2" color="text.secondary" data-testid="report-records-sentence">
              {recordsSentence(report)}
            </Typography>
          </Section>
          {report.history ? (
            <Section plain title="Contact history">
              <HistorySection history={report.history} isHistoryImport={view.target === 'contact_history'} />
            </Section>
          ) : null}
          {/* History rows are contacts, not accounts: the rules engine does not scan them. */}
          {view.target === 'contact_history' ? null : (
            <Section plain title="Blocks by statute">
              <BlocksChart blocks={report.blocks_by_statute} />
            </Section>
          )}
          <Section plain title="Warnings">
            <WarningList
              warnings={report.warnings}
              testId="file-warnings"
              empty="No warnings about the file or its rows."
            />
          </Section>
          <RejectedDownload view={view} />
        </Stack>
      </CardContent>
    </Card>
  );
};
