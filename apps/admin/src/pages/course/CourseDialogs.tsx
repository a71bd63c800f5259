import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';

const NOTE_MAX = 500;

interface NoteDialogProps {
  open: boolean;
  title: string;
  text: ReactNode;
  label: string;
  confirmLabel: string;
  /** A withdrawal needs a note (what to redo); a sign-off does not. */
  required: boolean;
  busy: boolean;
  /** `signoff` or `withdraw`: the prefix of the note field's and the confirm button's test ids. */
  testId: string;
  onClose: () => void;
  onConfirm: (note: string) => void;
}

/** A mentor's sign-off or withdrawal of a checkpoint, with its note (at most 500 characters). */
export const NoteDialog = ({
  open,
  title,
  text,
  label,
  confirmLabel,
  required,
  busy,
  testId,
  onClose,
  onConfirm,
}: NoteDialogProps) => {
  const [note, setNote] = useState('');
  useEffect(() => {
    if (open) setNote('');
  }, [open]);
  const missing = required && !note.trim();
  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} fullWidth maxWidth="sm" data-testid={`${testId}-dialog`}>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{text}</DialogContentText>
        <TextField
          autoFocus
          fullWidth
          multiline
          minRows={3}
          label={label}
          required={required}
          value={note}
          onChange={(event) => setNote(event.target.value.slice(0, NOTE_MAX))}
          helperText={`${note.length} / ${NOTE_MAX}`}
          slotProps={{ htmlInput: { 'data-testid': `${testId}-note`, maxLength: NOTE_MAX } }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button
          variant="contained"
          onClick={() => onConfirm(note)}
          disabled={busy || missing}
          data-testid={`${testId}-confirm`}
        >
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  text: ReactNode;
  confirmLabel: string;
  busy: boolean;
  testId: string;
  onClose: () => void;
  onConfirm: () => void;
}

export const ConfirmDialog = ({
  open,
  title,
  text,
  confirmLabel,
  busy,
  testId,
  onClose,
  onConfirm,
}: ConfirmDialogProps) => (
  <Dialog open={open} onClose={busy ? undefined : onClose} maxWidth="xs" data-testid={`${testId}-dialog`}>
    <DialogTitle>{title}</DialogTitle>
    <DialogContent>
      <DialogContentText>{text}</DialogContentText>
    </DialogContent>
    <DialogActions>
      <Button onClick={onClose} disabled={busy}>
        Cancel
      </Button>
      <Button variant="contained" color="warning" onClick={onConfirm} disabled={busy} data-testid={`${testId}-confirm`}>
        {confirmLabel}
      </Button>
    </DialogActions>
  </Dialog>
);
