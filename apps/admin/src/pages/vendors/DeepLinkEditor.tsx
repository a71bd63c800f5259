import {
  DEEP_LINK_CATEGORIES,
  DEEP_LINK_LABEL_MAX,
  DEEP_LINK_TEMPLATE_MAX,
  DEEP_LINK_VARIABLES,
  requiresGate,
} from '@floor-os/contracts';
import { Box, Chip, FormControlLabel, Stack, Switch, TextField, Typography } from '@mui/material';
import type { DeepLinkDraft } from './deepLinkDraft';

const VARIABLE_HINT = `Variables: ${DEEP_LINK_VARIABLES.map((name) => `{{${name}}}`).join(', ')} (URL-encoded when opened; path, query or fragment only)`;

/** An error message under a field, with the test id the browser tests read. */
const FieldError = ({ message, testId }: { message: string; testId?: string }) => (
  <Box component="span" data-testid={testId}>
    {message}
  </Box>
);

interface DeepLinkEditorProps {
  vendor: string;
  draft: DeepLinkDraft;
  onChange: (draft: DeepLinkDraft) => void;
  /** Per field (`url_template`, `label`, `category`, `sort_order`): the browser's checks, then the server's. */
  errors: Record<string, string>;
  readOnly: boolean;
}

/** The Quick Access deep link of one vendor card (SPEC V2): every category but `other` asks the gate first. */
export const DeepLinkEditor = ({ vendor, draft, onChange, errors, readOnly }: DeepLinkEditorProps) => {
  const set = <K extends keyof DeepLinkDraft>(key: K, value: DeepLinkDraft[K]) => onChange({ ...draft, [key]: value });
  const gated = requiresGate(draft.category);
  return (
    <Stack spacing={1.5} data-testid={`deeplink-${vendor}`}>
      <Stack direction="row" spacing={1} alignItems="center" useFlexGap flexWrap="wrap">
        <Typography variant="subtitle2">Quick Access deep link</Typography>
        <Chip
          size="small"
          variant="outlined"
          color={gated ? 'warning' : 'default'}
          label={gated ? 'gate first' : 'no gate'}
          title={
            gated ? 'Opening asks the compliance gate first and opens only on allow' : 'Opens without a gate check'
          }
        />
      </Stack>
      <FormControlLabel
        control={
          <Switch
            checked={draft.enabled}
            disabled={readOnly}
            onChange={(event) => set('enabled', event.target.checked)}
            slotProps={{ input: { 'data-testid': `deeplink-enabled-${vendor}` } as Record<string, string> }}
          />
        }
        label='Show "Open in" on AccountDetail'
      />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5}>
        <TextField
          label="Label"
          value={draft.label}
          onChange={(event) => set('label', event.target.value)}
          size="small"
          sx={{ flex: 2, minWidth: 0 }}
          disabled={readOnly}
          error={!!errors.label}
          helperText={
            errors.label ? (
              <FieldError message={errors.label} />
            ) : (
              `"Open in <label>", up to ${DEEP_LINK_LABEL_MAX} characters`
            )
          }
          slotProps={{ htmlInput: { 'data-testid': `deeplink-label-${vendor}`, maxLength: DEEP_LINK_LABEL_MAX } }}
        />
        <TextField
          select
          label="Category"
          value={draft.category}
          onChange={(event) => set('category', event.target.value as DeepLinkDraft['category'])}
          size="small"
          sx={{ flex: 1, minWidth: 120, maxWidth: { sm: 160 } }}
          disabled={readOnly}
          error={!!errors.category}
          helperText={errors.category}
          slotProps={{
            select: { native: true },
            htmlInput: { 'data-testid': `deeplink-category-${vendor}` },
            inputLabel: { shrink: true },
          }}
        >
          {DEEP_LINK_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {category}
            </option>
          ))}
        </TextField>
        <TextField
          label="Sort order"
          value={draft.sort_order}
          onChange={(event) => set('sort_order', event.target.value)}
          size="small"
          sx={{ width: { xs: '100%', sm: 110 }, flexShrink: 0 }}
          disabled={readOnly}
          error={!!errors.sort_order}
          helperText={errors.sort_order ?? '0–999, lowest first'}
          slotProps={{ htmlInput: { 'data-testid': `deeplink-sort-${vendor}`, inputMode: 'numeric' } }}
        />
      </Stack>
      <TextField
        label="URL template"
        value={draft.url_template}
        onChange={(event) => set('url_template', event.target.value)}
        size="small"
        fullWidth
        disabled={readOnly}
        placeholder="https://app.example.com/agent?lead={{phone_e164}}"
        error={!!errors.url_template}
        helperText={
          errors.url_template ? (
            <FieldError message={errors.url_template} testId={`deeplink-error-${vendor}`} />
          ) : (
            VARIABLE_HINT
          )
        }
        slotProps={{
          htmlInput: {
            'data-testid': `deeplink-template-${vendor}`,
            maxLength: DEEP_LINK_TEMPLATE_MAX,
            spellCheck: false,
            autoComplete: 'off',
          },
          input: { sx: { fontFamily: 'monospace', fontSize: 13 } },
        }}
      />
    </Stack>
  );
};
