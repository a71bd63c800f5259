import FileDownloadIcon from '@mui/icons-material/FileDownload';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Button } from '@mui/material';
import { useRef, useState, type ChangeEvent } from 'react';
import { CreateButton, TopToolbar, useNotify, useRefresh } from 'react-admin';
import { usePanelData } from '../../providers/usePanelData';
import type { SuppressionImportResult } from '@floor-os/contracts';

const EXPORT_FILE = 'suppression-list.csv';

/** Saves a Blob as a file the browser downloads. */
function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "Export CSV": the server's whole list (`kind,value,reason`), not just the page on screen. */
export const ExportCsvButton = () => {
  const notify = useNotify();
  const dataProvider = usePanelData();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      saveBlob(await dataProvider.exportSuppressionCsv(), EXPORT_FILE);
    } catch (error) {
      notify(error instanceof Error ? error.message : 'Export failed', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size="small"
      startIcon={<FileDownloadIcon />}
      onClick={download}
      disabled={busy}
      data-testid="suppression-export"
    >
      Export CSV
    </Button>
  );
};

/** A summary of an import for the notification, with the first rejected lines (line 1 is the header). */
export function importSummary(result: SuppressionImportResult): string {
  const counts = `Import: ${result.received} received, ${result.added} added, ${result.duplicates} duplicates, ${result.rejected} rejected`;
  if (result.errors.length === 0) return counts;
  const lines = result.errors.slice(0, 3).map((error) => `line ${error.index + 2}: ${error.message}`);
  return `${counts} (${lines.join('; ')}${result.errors.length > 3 ? '; …' : ''})`;
}

/** "Import CSV": a file with the header `kind,value[,reason]`, posted as text/csv; duplicates are skipped. */
export const ImportCsvButton = () => {
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = usePanelData();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // the same file may be chosen again
    if (!file) return;
    setBusy(true);
    try {
      const result = await dataProvider.importSuppressionCsv(await file.text());
      notify(importSummary(result), {
        type: result.rejected > 0 ? 'warning' : 'success',
        multiLine: result.rejected > 0,
      });
      refresh();
    } catch (error) {
      const body = (error as { body?: { message?: string; fields?: Record<string, string[]> } }).body;
      const detail = body?.fields ? Object.values(body.fields).flat().join('; ') : '';
      const message = body?.message ?? (error instanceof Error ? error.message : 'Import failed');
      notify(detail ? `Import failed: ${detail}` : `Import failed: ${message}`, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".csv,text/csv"
        hidden
        onChange={upload}
        data-testid="suppression-import-file"
      />
      <Button
        size="small"
        startIcon={<UploadFileIcon />}
        onClick={() => input.current?.click()}
        disabled={busy}
        data-testid="suppression-import"
      >
        Import CSV
      </Button>
    </>
  );
};

export const SuppressionListActions = () => (
  <TopToolbar>
    <CreateButton />
    <ExportCsvButton />
    <ImportCsvButton />
  </TopToolbar>
);
