import { Button, Card, CardContent, CardHeader, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useNotify } from 'react-admin';
import { messageOf } from '../../providers/http';
import {
  BlocksTable,
  CountStats,
  recordCounts,
  recordsSentence,
  RejectedDownload,
  reportOf,
  rowCounts,
  rowsSentence,
  unitWords,
} from './Counts';
import { usePanelData } from '../../providers/usePanelData';
import { CancelButton } from './ProgressStep';
import type { ImportView } from '@floor-os/contracts';
import { WarningList } from './WarningList';

/** The review stop (decided detail 6): every row checked and staged, nothing written until "Apply". */
export const ReviewStep = ({ view, onChange }: { view: ImportView; onChange: (view: ImportView) => void }) => {
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const dataProvider = usePanelData();
  const report = reportOf(view);
  const apply = async () => {
    setBusy(true);
    try {
      onChange(await dataProvider.applyImport(view.id));
    } catch (error) {
      notify(messageOf(error, 'The import could not be applied'), { type: 'error' });
      setBusy(false);
    }
  };
  return (
    <Card variant="outlined" data-testid="import-summary">
      <CardHeader
        title="Validation summary"
        subheader="Every row was read and checked against the account rules. Nothing has been written to accounts yet."
        slotProps={{ title: { variant: 'h6' }, subheader: { variant: 'body2' } }}
        sx={{ pb: 0 }}
      />
      <CardContent>
        <Stack spacing={3}>
          <Stack spacing={1}>
            <Typography variant="subtitle2">Rows</Typography>
            <CountStats items={rowCounts(report)} prefix="summary" />
            <Typography variant="body2" color="text.secondary" data-testid="summary-rows-sentence">
              {rowsSentence(report)}
            </Typography>
          </Stack>
          <Stack spacing={1}>
            <Typography variant="subtitle2">{unitWords(report.applied.unit).many}</Typography>
            <CountStats items={recordCounts(report, false)} prefix="summary" />
            <Typography variant="body2" color="text.secondary" data-testid="summary-records-sentence">
              {recordsSentence(report)}
            </Typography>
          </Stack>
          <Stack spacing={1}>
            <Typography variant="subtitle2">Blocks by statute</Typography>
            <BlocksTable blocks={view.blocks_by_statute} />
          </Stack>
          <Stack spacing={1}>
            <Typography variant="subtitle2">Warnings</Typography>
            <WarningList
              warnings={report.warnings}
              testId="file-warnings"
              empty="No warnings about the file or its rows."
            />
          </Stack>
          <RejectedDownload view={view} />
          <Stack direction="row" spacing={1.5} alignItems="center" useFlexGap flexWrap="wrap">
            <Button variant="contained" onClick={apply} disabled={busy} data-testid="import-apply">
              Apply {view.counts.valid_rows.toLocaleString()} valid rows
            </Button>
            <CancelButton view={view} onChange={onChange} />
            <Typography variant="body2" color="text.secondary">
              Rejected rows are left out; the valid ones are applied together, all or nothing.
            </Typography>
          </Stack>
        </Stack>
      </CardContent>
    </Card>
  );
};
