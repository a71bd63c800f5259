import CloseIcon from '@mui/icons-material/Close';
import DragIndicatorIcon from '@mui/icons-material/DragIndicator';
import { Box, Chip, Grid, IconButton, Paper, Stack, Tooltip, Typography } from '@mui/material';
import { useState, type DragEvent } from 'react';
import { acceptsSeveral, fieldState, sourcesOf, usage, type FieldState } from './mapping';
import { fieldLabel } from './format';
import type { ImportField, ImportMapping, ImportPreviewRow as PreviewRow } from '@floor-os/contracts';
import type { FieldLevel } from './types';

/** The drag payload type: a source header, not a file or text from elsewhere on the page. */
const HEADER_TYPE = 'application/x-import-header';

const STATE_COLORS: Record<FieldState, { border: string; background: string; label: string }> = {
  mapped: { border: 'success.main', background: 'rgba(46, 125, 50, 0.08)', label: 'mapped' },
  'required-missing': { border: 'error.main', background: 'rgba(211, 47, 47, 0.08)', label: 'required' },
  'recommended-missing': { border: 'warning.main', background: 'rgba(237, 108, 2, 0.08)', label: 'recommended' },
  optional: { border: 'divider', background: 'transparent', label: 'optional' },
};

const GROUPS: { level: FieldLevel; title: string }[] = [
  { level: 'required', title: 'Required' },
  { level: 'recommended', title: 'Recommended' },
  { level: 'optional', title: 'Optional' },
];

/** A source header as a draggable chip; filled once it feeds a field. */
const SourceChip = ({ header, uses, sample }: { header: string; uses: number; sample?: string }) => {
  const start = (event: DragEvent<HTMLDivElement>) => {
    event.dataTransfer.setData(HEADER_TYPE, header);
    event.dataTransfer.setData('text/plain', header);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <Tooltip title={sample ? `e.g. ${sample}` : 'empty in the first row'}>
      <Chip
        draggable
        onDragStart={start}
        icon={<DragIndicatorIcon />}
        label={uses > 1 ? `${header} (${uses})` : header}
        color={uses > 0 ? 'success' : 'default'}
        variant={uses > 0 ? 'filled' : 'outlined'}
        data-testid={`map-source-${header}`}
        data-used={uses > 0 ? 'true' : 'false'}
        sx={{ cursor: 'grab', maxWidth: 280 }}
      />
    </Tooltip>
  );
};

interface FieldTargetProps {
  field: ImportField;
  mapping: ImportMapping;
  headers: readonly string[];
  error?: string;
  onMap: (field: string, header: string) => void;
  onClear: (field: string, header?: string) => void;
}

/** One target field: drop a header on it, or pick one from the list (for the keyboard). */
const FieldTarget = ({ field, mapping, headers, error, onMap, onClear }: FieldTargetProps) => {
  const [over, setOver] = useState(false);
  const state = fieldState(field, mapping);
  const sources = sourcesOf(mapping, field.field);
  const colors = STATE_COLORS[state];
  const several = acceptsSeveral(field.field);

  const dragOver = (event: DragEvent<HTMLDivElement>) => {
    const types = event.dataTransfer.types;
    if (!types.includes(HEADER_TYPE) && !types.includes('text/plain')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const drop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    // Only a header of this file maps: text dragged in from elsewhere is ignored.
    const header = event.dataTransfer.getData(HEADER_TYPE) || event.dataTransfer.getData('text/plain');
    if (headers.includes(header)) onMap(field.field, header);
  };

  return (
    <Paper
      variant="outlined"
      onDragOver={dragOver}
      onDragEnter={dragOver}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      data-testid={`map-target-${field.field}`}
      data-status={state}
      data-mapped-to={sources.join('|')}
      sx={{
        p: 1,
        borderWidth: 2,
        borderStyle: over ? 'dashed' : 'solid',
        borderColor: error ? 'error.main' : colors.border,
        bgcolor: over ? 'action.hover' : colors.background,
        minHeight: 72,
      }}
    >
      <Stack direction="row" alignItems="center" spacing={0.5}>
        <Typography
          variant="body2"
          fontWeight={600}
          sx={{ flex: 1, wordBreak: 'break-word' }}
          title={`Column name in a file: ${field.field}`}
        >
          {fieldLabel(field.field)}
        </Typography>
        <Typography
          variant="caption"
          color={state === 'mapped' ? 'success.main' : state === 'optional' ? 'text.secondary' : colors.border}
        >
          {state === 'mapped' ? 'mapped' : state === 'optional' ? 'optional' : `${colors.label}, missing`}
        </Typography>
        {sources.length > 0 ? (
          <Tooltip title={`Clear ${fieldLabel(field.field)}`}>
            <IconButton
              size="small"
              onClick={() => onClear(field.field)}
              aria-label={`Clear ${fieldLabel(field.field)}`}
              data-testid={`map-clear-${field.field}`}
            >
              <CloseIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        ) : null}
      </Stack>
      <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap" alignItems="center" sx={{ mt: 0.5 }}>
        {sources.map((header) => (
          <Chip
            key={header}
            size="small"
            color="success"
            label={header}
            onDelete={several ? () => onClear(field.field, header) : undefined}
            data-testid={`map-value-${field.field}`}
          />
        ))}
        {sources.length === 0 || several ? (
          <select
            value=""
            onChange={(event) => event.target.value && onMap(field.field, event.target.value)}
            aria-label={`Source column for ${fieldLabel(field.field)}`}
            data-testid={`map-select-${field.field}`}
            style={{
              fontSize: 12,
              border: 'none',
              background: 'transparent',
              color: 'inherit',
              opacity: 0.7,
              maxWidth: 200,
            }}
          >
            <option value="">{sources.length === 0 ? 'drop a column here, or choose…' : 'add a column…'}</option>
            {headers.map((header) => (
              <option key={header} value={header}>
                {header}
              </option>
            ))}
          </select>
        ) : null}
      </Stack>
      {error ? (
        <Typography variant="caption" color="error" data-testid={`map-error-${field.field}`}>
          {error}
        </Typography>
      ) : null}
    </Paper>
  );
};

interface MappingBoardProps {
  fields: readonly ImportField[];
  headers: readonly string[];
  mapping: ImportMapping;
  /** The first preview row, for a sample value on each chip. */
  sample?: PreviewRow;
  errors: Record<string, string>;
  onMap: (field: string, header: string) => void;
  onClear: (field: string, header?: string) => void;
}

/** SPEC I1's column mapping: source headers dragged onto target fields; red required, yellow recommended, green mapped. */
export const MappingBoard = ({ fields, headers, mapping, sample, errors, onMap, onClear }: MappingBoardProps) => {
  const uses = usage(mapping);
  return (
    <Stack spacing={2} data-testid="mapping-board">
      <Box>
        <Typography variant="subtitle2" gutterBottom>
          Columns in the file — drag one onto a field
        </Typography>
        <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" data-testid="map-sources">
          {headers.map((header) => (
            <SourceChip key={header} header={header} uses={uses.get(header) ?? 0} sample={sample?.fields[header]} />
          ))}
        </Stack>
      </Box>
      {GROUPS.map(({ level, title }) => {
        const group = fields.filter((field) => field.status === level);
        if (group.length === 0) return null;
        return (
          <Box key={level}>
            <Typography variant="subtitle2" gutterBottom>
              {title} fields
            </Typography>
            <Grid container spacing={1}>
              {group.map((field) => (
                <Grid key={field.field} size={{ xs: 12, sm: 6, md: 4, lg: 3 }}>
                  <FieldTarget
                    field={field}
                    mapping={mapping}
                    headers={headers}
                    error={errors[field.field]}
                    onMap={onMap}
                    onClear={onClear}
                  />
                </Grid>
              ))}
            </Grid>
          </Box>
        );
      })}
    </Stack>
  );
};
