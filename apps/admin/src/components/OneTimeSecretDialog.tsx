import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Typography,
} from '@mui/material';
import { useNotify } from 'react-admin';

export interface OneTimeSecretDialogProps {
  /** The value to show; the dialog is open while it is set. */
  value: string | null | undefined;
  title: string;
  /** What the value is, e.g. "Secret" or "Invitation link". */
  label: string;
  warning: string;
  /** `data-testid` of the element holding exactly the value. */
  testId: string;
  /** A line under the value, e.g. when a link expires. */
  detail?: string;
  onClose: () => void;
}

/**
 * Shows a value the API answers only once (an API key secret, an invitation link) with a copy button. It
 * closes only through its button, so a stray click or Escape cannot lose the value.
 */
export const OneTimeSecretDialog = ({
  value,
  title,
  label,
  warning,
  testId,
  detail,
  onClose,
}: OneTimeSecretDialogProps) => {
  const notify = useNotify();

  const copy = async () => {
    if (!value) return;
    try {
      await copyToClipboard(value);
      notify(`${label} copied to the clipboard`, { type: 'info' });
    } catch {
      notify('Copying failed: select the text and copy it by hand', { type: 'warning' });
    }
  };

  return (
    <Dialog open={!!value} maxWidth="sm" fullWidth aria-labelledby={`${testId}-title`}>
      <DialogTitle id={`${testId}-title`}>{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <Alert severity="warning">{warning}</Alert>
          <Box>
            <Typography variant="caption" color="text.secondary" component="div">
              {label}
            </Typography>
            <Box
              component="code"
              data-testid={testId}
              sx={{
                display: 'block',
                p: 1.5,
                borderRadius: 1,
                bgcolor: 'action.hover',
                fontFamily: 'monospace',
                wordBreak: 'break-all',
                userSelect: 'all',
              }}
            >
              {value}
            </Box>
            {detail ? (
              <Typography variant="caption" color="text.secondary">
                {detail}
              </Typography>
            ) : null}
          </Box>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button startIcon={<ContentCopyIcon />} onClick={copy} data-testid={`${testId}-copy`}>
          Copy
        </Button>
        <Button variant="contained" onClick={onClose}>
          I have copied it
        </Button>
      </DialogActions>
    </Dialog>
  );
};

async function copyToClipboard(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Plain-HTTP deployments have no Clipboard API: fall back to a selected, off-screen textarea.
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.left = '-9999px';
  document.body.appendChild(area);
  area.select();
  const copied = document.execCommand('copy');
  area.remove();
  if (!copied) throw new Error('copy refused');
}
