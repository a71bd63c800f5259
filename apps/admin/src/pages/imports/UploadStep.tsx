import { Alert, Box, Button, Card, CardContent, LinearProgress, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useNavigate } from 'react-admin';
import { errorCodeOf, messageOf } from '../../providers/http';
import { DropZone } from './DropZone';
import { usePanelData } from '../../providers/usePanelData';
import { FORMAT_LABELS, formatFromFilename } from './format';
import { LAYOUT_TEMPLATE, parseLayout } from './layout';
import { IMPORT_TARGETS, type ImportTarget } from '@floor-os/contracts';
import { IMPORT_FORMATS, type ImportFormat, TARGET_LABELS } from './types';

/** The upload's failure as one sentence; a parse error's message already names the line. */
function uploadProblem(error: unknown): string {
  if (errorCodeOf(error) === 'PAYLOAD_TOO_LARGE')
    return `The file is larger than this server accepts. ${messageOf(error, '')}`.trim();
  return messageOf(error, 'The upload failed');
}

interface LayoutEditorProps {
  value: string;
  onChange: (value: string) => void;
  name: string;
  onNameChange: (name: string) => void;
  error?: string;
}

/** The fixed-width layout as JSON (`{fields: [{field, start, length}], recordType?}`, columns from 1), and a name to keep it under. */
const LayoutEditor = ({ value, onChange, name, onNameChange, error }: LayoutEditorProps) => (
  <Stack spacing={1.5}>
    <TextField
      label="Fixed-width layout (JSON)"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      multiline
      minRows={6}
      fullWidth
      error={!!error}
      helperText={
        error ??
        'One entry per field: its name, first column (from 1) and length; optionally "recordType": {"start", "length", "code"}.'
      }
      slotProps={{
        htmlInput: { 'data-testid': 'import-layout', spellCheck: false },
        input: { sx: { fontFamily: 'monospace', fontSize: 13 } },
      }}
    />
    <TextField
      label="Save the layout as (optional)"
      value={name}
      onChange={(event) => onNameChange(event.target.value)}
      size="small"
      sx={{ width: { xs: '100%', sm: 320 } }}
      helperText="Kept for this tenant, for the next file of the same shape"
      slotProps={{ htmlInput: { 'data-testid': 'import-layout-name', maxLength: 64 } }}
    />
  </Stack>
);

/** Step 1 (SPEC I1): the file, what it holds and its format; the upload answers the preview. */
export const UploadStep = () => {
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [target, setTarget] = useState<ImportTarget>('accounts');
  const [format, setFormat] = useState<ImportFormat | ''>('');
  const [layoutText, setLayoutText] = useState(LAYOUT_TEMPLATE);
  const [layoutName, setLayoutName] = useState('');
  const [busy, setBusy] = useState(false);
  const dataProvider = usePanelData();
  const [problem, setProblem] = useState<string | null>(null);
  const layout = format === 'fipjp' ? parseLayout(layoutText) : null;
  const layoutError = layout && 'error' in layout ? layout.error : undefined;

  const choose = (chosen: File) => {
    setFile(chosen);
    setFormat(formatFromFilename(chosen.name) ?? '');
    setProblem(null);
  };

  const upload = async () => {
    if (!file || !format || layoutError) return;
    setBusy(true);
    setProblem(null);
    try {
      const view = await dataProvider.uploadImport({
        file,
        target,
        format,
        layout: layout && 'layout' in layout ? layout.layout : undefined,
        layoutName: layoutName.trim(),
      });
      // The import's own address: a reload resumes where it stands.
      navigate(`/imports/${encodeURIComponent(view.id)}`);
    } catch (error) {
      setProblem(uploadProblem(error));
      setBusy(false);
    }
  };

  return (
    <Card variant="outlined" data-testid="import-upload-step">
      <CardContent>
        <Stack spacing={2}>
          <DropZone file={file} onFile={choose} disabled={busy} />
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5}>
            <TextField
              select
              label="Import into"
              value={target}
              onChange={(event) => setTarget(event.target.value as ImportTarget)}
              size="small"
              sx={{ width: { xs: '100%', sm: 320 } }}
              disabled={busy}
              slotProps={{
                select: { native: true },
                htmlInput: { 'data-testid': 'import-target' },
                inputLabel: { shrink: true },
              }}
            >
              {IMPORT_TARGETS.map((option) => (
                <option key={option} value={option}>
                  {TARGET_LABELS[option]}
                </option>
              ))}
            </TextField>
            <TextField
              select
              label="Format"
              value={format}
              onChange={(event) => setFormat(event.target.value as ImportFormat | '')}
              size="small"
              sx={{ width: { xs: '100%', sm: 260 } }}
              disabled={busy}
              helperText={
                file && !formatFromFilename(file.name)
                  ? 'Not known from the extension: choose one'
                  : 'From the file extension; change it if it is wrong'
              }
              slotProps={{
                select: { native: true },
                htmlInput: { 'data-testid': 'import-format' },
                inputLabel: { shrink: true },
              }}
            >
              <option value="">— choose —</option>
              {IMPORT_FORMATS.map((option) => (
                <option key={option} value={option}>
                  {FORMAT_LABELS[option]}
                </option>
              ))}
            </TextField>
          </Stack>
          {format === 'fipjp' ? (
            <LayoutEditor
              value={layoutText}
              onChange={setLayoutText}
              name={layoutName}
              onNameChange={setLayoutName}
              error={layoutError}
            />
          ) : null}
          {problem ? (
            <Alert severity="error" data-testid="import-upload-error">
              {problem}
            </Alert>
          ) : null}
          {busy ? <LinearProgress aria-label="Uploading" /> : null}
          <Box>
            <Button
              variant="contained"
              onClick={upload}
              disabled={busy || !file || !format || !!layoutError}
              data-testid="import-upload"
            >
              Upload and preview
            </Button>
          </Box>
          <Typography variant="body2" color="text.secondary">
            Nothing is written to accounts until you have mapped the columns, checked every row and applied the import.
          </Typography>
        </Stack>
      </CardContent>
    </Card>
  );
};
