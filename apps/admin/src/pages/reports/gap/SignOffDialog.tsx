import type { GapSignOffView } from '@floor-os/contracts';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify } from 'react-admin';
import { reportFileUrl } from '../../../providers/reportsProvider';
import { DownloadButton } from '../shared/DownloadButton';
import { Fingerprint } from '../shared/Fingerprint';
import { useReportsProvider } from '../shared/useReports';
import { formatWindow } from '../shared/words';

/** The longest note a sign-off keeps (the API bounds it too). */
const NOTE_MAX = 2000;

/**
 * Signing freezes the report of exactly this window (numbers, PDF, SHA-256, signer, time, note); the dialog
 * then shows the fingerprint of the signed PDF and its download.
 */
export const SignOffDialog = ({
  open,
  onClose,
  window,
  timezone,
}: {
  open: boolean;
  onClose: () => void;
  window: { from: string; to: string };
  timezone?: string;
}) => {
  const provider = useReportsProvider();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [note, setNote] = useState('');
  const [signed, setSigned] = useState<GapSignOffView | null>(null);
  const sign = useMutation({
    mutationFn: () =>
      provider.signGapReport({ from: window.from, to: window.to, ...(note.trim() ? { note: note.trim() } : {}) }),
    onSuccess: (view) => {
      setSigned(view);
      notify('Gap report signed', { type: 'success' });
      void queryClient.invalidateQueries({ queryKey: ['reports/gap/sign-offs'] });
    },
  });
  const close = () => {
    setSigned(null);
    setNote('');
    sign.reset();
    onClose();
  };

  return (
    <Dialog open={open} onClose={close} maxWidth="sm" fullWidth data-testid="sign-off-dialog">
      <DialogTitle>{signed ? 'Gap report signed' : 'Sign off the gap report'}</DialogTitle>
      <DialogContent>
        {signed ? (
          <Stack spacing={2}>
            <Typography variant="body2">
              Signed by {signed.signed_by.name}. The report of {formatWindow(signed.from, signed.to, timezone)} is
              frozen: later decisions never change it.
            </Typography>
            <Fingerprint sha256={signed.sha256} testId="signed-sha256" />
            <div>
              <DownloadButton href={reportFileUrl.signOffPdf(signed.id)} testId="signed-pdf">
                Download the signed PDF
              </DownloadButton>
            </div>
          </Stack>
        ) : (
          <Stack spacing={2}>
            <Typography variant="body2">
              You sign the report of {formatWindow(window.from, window.to, timezone)} as it stands now. The signed PDF
              and its fingerprint are kept and shown as the evidence of the go/no-go step.
            </Typography>
            <TextField
              label="Note (optional)"
              multiline
              minRows={3}
              value={note}
              onChange={(event) => setNote(event.target.value.slice(0, NOTE_MAX))}
              helperText={`${note.length} / ${NOTE_MAX}`}
              slotProps={{ htmlInput: { 'data-testid': 'sign-off-note' } }}
            />
            {sign.error ? <Alert severity="error">Signing failed: {sign.error.message}</Alert> : null}
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        {signed ? (
          <Button onClick={close}>Close</Button>
        ) : (
          <>
            <Button onClick={close}>Cancel</Button>
            <Button
              variant="contained"
              onClick={() => sign.mutate()}
              disabled={sign.isPending}
              data-testid="sign-off-confirm"
            >
              Sign
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
};
