import { Alert, Box, Button, Card, CardContent, CardHeader, Stack, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useNotify } from 'react-admin';
import { errorCodeOf, fieldErrorsOf, messageOf } from '../../providers/http';
import { useDebounced } from '../../components/useDebounced';
import { fieldLabel } from './format';
import { usePanelData } from '../../providers/usePanelData';
import { clearField, initialMapping, mapHeader, missingRequired, sameMapping } from './mapping';
import { MappingBoard } from './MappingBoard';
import { PreviewChecks, PreviewTable } from './PreviewTable';
import type { ImportMapping, ImportView } from '@floor-os/contracts';
import { WarningList } from './WarningList';

const SAVE_DELAY_MS = 400;

/** The API names a bad entry `mapping.<field>` or `<field>`; the board shows it on the field. */
function byField(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([key, message]) => [key.replace(/^mapping\./, ''), message]));
}

/**
 * The board's mapping, saved a moment after each change (`PUT /imports/{id}/mapping`) so the preview checks
 * follow it. A mapping already sent is not sent again, so an answer that normalises it cannot loop.
 */
function useSavedMapping(view: ImportView, onSaved: (view: ImportView) => void) {
  const notify = useNotify();
  const [mapping, setMapping] = useState<ImportMapping>(() => initialMapping(view));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const dataProvider = usePanelData();
  const settled = useDebounced(mapping, SAVE_DELAY_MS);
  const lastSent = useRef<string | null>(null);

  useEffect(() => {
    const key = JSON.stringify(settled);
    if (sameMapping(settled, view.mapping) || lastSent.current === key) return;
    lastSent.current = key;
    let current = true;
    setSaving(true);
    dataProvider
      .saveImportMapping(view.id, settled)
      .then((saved) => {
        if (!current) return;
        setErrors({});
        onSaved(saved);
      })
      .catch((error: unknown) => {
        if (!current) return;
        setErrors(byField(fieldErrorsOf(error)));
        notify(messageOf(error, 'The mapping could not be saved'), { type: 'error' });
      })
      .finally(() => current && setSaving(false));
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once the board has settled; `view.mapping` is what the API holds then
  }, [settled]);

  const dirty = saving || !sameMapping(mapping, view.mapping);
  return { mapping, setMapping, errors, saving, dirty };
}

const SaveState = ({ dirty, errors }: { dirty: boolean; errors: boolean }) => (
  <Typography
    variant="caption"
    color={errors ? 'error' : 'text.secondary'}
    data-testid="mapping-save-state"
    data-state={errors ? 'error' : dirty ? 'saving' : 'saved'}
  >
    {errors ? 'Not saved: see the fields marked in red' : dirty ? 'Saving the mapping…' : 'Mapping saved'}
  </Typography>
);

/** Upload done: the first rows as the file has them, its warnings, and the column mapping (SPEC I1, I3). */
export const MappingStep = ({ view, onChange }: { view: ImportView; onChange: (view: ImportView) => void }) => {
  const notify = useNotify();
  const { mapping, setMapping, errors, dirty } = useSavedMapping(view, onChange);
  const [busy, setBusy] = useState(false);
  const dataProvider = usePanelData();
  const preview = view.preview ?? { rows: [], warnings: [], checks: [] };
  const missing = missingRequired(view.fields, mapping);
  const unplaced = Object.entries(errors).filter(([field]) => !view.fields.some((target) => target.field === field));

  const run = async (action: () => Promise<ImportView>, fallback: string) => {
    setBusy(true);
    try {
      onChange(await action());
    } catch (error) {
      const incomplete = errorCodeOf(error) === 'MAPPING_INCOMPLETE';
      notify(incomplete ? 'Map every required field before confirming' : messageOf(error, fallback), { type: 'error' });
      setBusy(false);
    }
  };
  // The board is saved once more right before confirming, so the job reads exactly what is on screen.
  const confirm = () =>
    run(async () => {
      await dataProvider.saveImportMapping(view.id, mapping);
      return dataProvider.confirmImport(view.id);
    }, 'The import could not be confirmed');
  const discard = () => run(() => dataProvider.cancelImport(view.id), 'The import could not be cancelled');

  return (
    <Stack spacing={2}>
      <Card variant="outlined">
        <CardHeader
          title="Preview"
          subheader={`The first ${preview.rows.length} records of ${view.filename}, as the file has them`}
          slotProps={{ title: { variant: 'h6' }, subheader: { variant: 'body2' } }}
          sx={{ pb: 0 }}
        />
        <CardContent>
          <Stack spacing={2}>
            <PreviewTable headers={view.headers} rows={preview.rows} mapping={mapping} checks={preview.checks} />
            <WarningList
              warnings={preview.warnings}
              testId="preview-warnings"
              empty="No parse warnings in the preview."
            />
          </Stack>
        </CardContent>
      </Card>
      <Card variant="outlined">
        <CardHeader
          title="Map columns"
          subheader="Drag a column of the file onto the field it fills. Red: required and missing; yellow: recommended and missing; green: mapped."
          slotProps={{ title: { variant: 'h6' }, subheader: { variant: 'body2' } }}
          sx={{ pb: 0 }}
        />
        <CardContent>
          <Stack spacing={2}>
            <MappingBoard
              fields={view.fields}
              headers={view.headers}
              mapping={mapping}
              sample={preview.rows[0]}
              errors={errors}
              onMap={(field, header) => setMapping((previous) => mapHeader(previous, field, header))}
              onClear={(field, header) => setMapping((previous) => clearField(previous, field, header))}
            />
            {unplaced.length > 0 ? (
              <Alert severity="error">
                {unplaced.map(([field, message]) => (
                  <div key={field}>
                    {fieldLabel(field)}: {message}
                  </div>
                ))}
              </Alert>
            ) : null}
            <Box>
              <Typography variant="subtitle2" gutterBottom>
                Preview rows with this mapping
              </Typography>
              <PreviewChecks checks={preview.checks} pending={dirty} />
            </Box>
            <Stack direction="row" spacing={1.5} alignItems="center" useFlexGap flexWrap="wrap">
              <Button
                variant="contained"
                onClick={confirm}
                disabled={busy || missing.length > 0}
                data-testid="import-confirm"
              >
                Confirm and check every row
              </Button>
              <Button color="inherit" onClick={discard} disabled={busy} data-testid="import-discard">
                Discard import
              </Button>
              {missing.length > 0 ? (
                <Typography variant="body2" color="error" data-testid="mapping-missing">
                  Map {missing.join(', ')} first.
                </Typography>
              ) : (
                <Typography variant="body2" color="text.secondary">
                  Nothing is written until you review the counts and apply.
                </Typography>
              )}
              <SaveState dirty={dirty} errors={Object.keys(errors).length > 0} />
            </Stack>
          </Stack>
        </CardContent>
      </Card>
    </Stack>
  );
};
