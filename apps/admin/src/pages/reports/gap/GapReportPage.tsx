import type { GapReport, GapStatuteGroup } from '@floor-os/contracts';
import DrawIcon from '@mui/icons-material/Draw';
import {
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Skeleton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { Link, useCanAccess } from 'react-admin';
import { sessionHas } from '../../../providers/access';
import { reportFileUrl } from '../../../providers/reportsProvider';
import { useSession } from '../../../providers/session';
import { agentOf } from '../../../resources/decisions/types';
import { BarsChart } from '../shared/charts';
import { DownloadButton } from '../shared/DownloadButton';
import { Stat } from '../../../components/Stat';
import { ReportError, ReportPage } from '../shared/ReportPage';
import { useReport } from '../shared/useReports';
import { useReportWindow, WindowPicker, type ChosenWindow } from '../shared/WindowPicker';
import { formatCount, formatInstant, formatPercent, formatWindow } from '../shared/words';
import { SignOffDialog } from './SignOffDialog';
import { SignOffList } from './SignOffList';

/** The decision behind a sample, linked to its drill-down for those who may open the audit trail. */
const AuditLink = ({ auditId }: { auditId: string }) => {
  const { canAccess } = useCanAccess({ resource: 'decisions', action: 'show' });
  const text = <span style={{ fontFamily: 'monospace', fontSize: 12 }}>{auditId}</span>;
  return canAccess ? (
    <Link to={`/decisions/${encodeURIComponent(auditId)}/show`} data-testid="gap-sample-audit">
      {text}
    </Link>
  ) : (
    text
  );
};

const StatuteGroup = ({ group, timezone }: { group: GapStatuteGroup; timezone?: string }) => (
  <Card variant="outlined" data-testid="gap-group" data-rule={group.rule_id}>
    <CardHeader
      title={group.title}
      subheader={
        <span>
          {group.statute} · <span style={{ fontFamily: 'monospace' }}>{group.rule_id}</span>
        </span>
      }
      action={
        <Chip label={`${formatCount(group.count)} would have blocked`} color="warning" data-testid="gap-group-count" />
      }
      slotProps={{ title: { variant: 'subtitle1', fontWeight: 600 } }}
    />
    <CardContent sx={{ pt: 0 }}>
      {group.samples.length ? (
        <>
          <Typography variant="caption" color="text.secondary">
            Latest {group.samples.length === 1 ? 'example' : `${group.samples.length} examples`}
          </Typography>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Account</TableCell>
                <TableCell>Phone</TableCell>
                <TableCell>Agent</TableCell>
                <TableCell>Time</TableCell>
                <TableCell>Decision</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {group.samples.map((sample) => (
                <TableRow key={sample.audit_id}>
                  <TableCell>{sample.account_id}</TableCell>
                  <TableCell>{sample.phone_number ?? '—'}</TableCell>
                  <TableCell>{agentOf(sample)}</TableCell>
                  <TableCell>{formatInstant(sample.at, timezone)}</TableCell>
                  <TableCell>
                    <AuditLink auditId={sample.audit_id} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      ) : null}
    </CardContent>
  </Card>
);

const GapSummary = ({ report, timezone }: { report: GapReport; timezone?: string }) => (
  <Card sx={{ mb: 2 }}>
    <CardContent>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} alignItems={{ md: 'center' }}>
        <Stack direction="row" spacing={3}>
          <Stat size="small" label="Shadow decisions" value={formatCount(report.decisions)} testId="gap-decisions" />
          <Stat
            size="small"
            label="Would have blocked"
            value={formatCount(report.would_block)}
            testId="gap-would-block"
            colour={report.would_block ? '#ed6c02' : undefined}
          />
          <Stat
            size="small"
            label="Share"
            value={formatPercent(report.decisions ? report.would_block / report.decisions : null)}
          />
        </Stack>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          {report.by_statute.length ? (
            <BarsChart
              testId="gap-chart"
              layout="vertical"
              height={40 + 30 * Math.min(report.by_statute.length, 8)}
              rows={report.by_statute.slice(0, 8).map((group) => ({
                label: group.title.length > 28 ? `${group.title.slice(0, 27)}…` : group.title,
                count: group.count,
              }))}
              x="label"
              series={[{ key: 'count', label: 'Would have blocked', colour: '#ed6c02' }]}
            />
          ) : null}
        </Box>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        {report.tenant.legal_name} · {formatWindow(report.from, report.to, timezone)} (whole hours) · numbers as of{' '}
        {formatInstant(report.as_of, timezone)}
      </Typography>
    </CardContent>
  </Card>
);

const Gap = ({ window }: { window: ChosenWindow }) => {
  const { session } = useSession();
  const timezone = session?.tenant?.timezone;
  const {
    data: report,
    error,
    isPending,
  } = useReport(['gap', window.from, window.to], (provider) => provider.getGapReport(window));
  return (
    <Stack spacing={2}>
      <ReportError what="The gap report" error={error} />
      {isPending ? <Skeleton variant="rounded" height={200} /> : null}
      {report ? (
        <>
          <GapSummary report={report} timezone={timezone} />
          {report.by_statute.length ? (
            report.by_statute.map((group) => <StatuteGroup key={group.rule_id} group={group} timezone={timezone} />)
          ) : (
            <Card>
              <CardContent>
                <Typography data-testid="gap-empty">No shadow decision in this window would have blocked.</Typography>
              </CardContent>
            </Card>
          )}
        </>
      ) : null}
      <SignOffList timezone={timezone} />
    </Stack>
  );
};

/**
 * The compliance gap report (SPEC P3): what enforce would have stopped while the tenant ran in shadow, by
 * statute with examples; downloaded as CSV (every such decision) or PDF, and signed by a Compliance Officer
 * or Director before the switch to enforce (checklist step W1.6).
 */
export const GapReportPage = () => {
  const { session } = useSession();
  const [window, setHours] = useReportWindow(72);
  const [signing, setSigning] = useState(false);
  const canSign = sessionHas(session, 'gap_report.sign');
  return (
    <ReportPage
      title="Gap report"
      permission="gap_report.read"
      testId="gap-page"
      actions={
        <>
          <WindowPicker value={window.hours} onChange={setHours} />
          <DownloadButton href={reportFileUrl.gapCsv(window)} testId="gap-csv">
            Download CSV
          </DownloadButton>
          <DownloadButton href={reportFileUrl.gapPdf(window)} testId="gap-pdf">
            Download PDF
          </DownloadButton>
          {canSign ? (
            <Button
              variant="contained"
              size="small"
              startIcon={<DrawIcon />}
              onClick={() => setSigning(true)}
              data-testid="gap-sign"
            >
              Sign off
            </Button>
          ) : null}
        </>
      }
    >
      <Gap window={window} />
      {canSign ? (
        <SignOffDialog
          open={signing}
          onClose={() => setSigning(false)}
          window={window}
          timezone={session?.tenant?.timezone}
        />
      ) : null}
    </ReportPage>
  );
};
