import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Box, Typography } from '@mui/material';
import { useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { formatBytes } from './format';

/** What the API reads, by extension (its format inference). */
const ACCEPT = '.csv,.txt,.json,.ndjson,.xml,.se,.si,.sie,.fw,.dat';

interface DropZoneProps {
  file: File | null;
  onFile: (file: File) => void;
  disabled?: boolean;
}

/** Drag a file onto it, or click (Enter, Space) to choose one. */
export const DropZone = ({ file, onFile, disabled = false }: DropZoneProps) => {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const choose = () => {
    if (!disabled) input.current?.click();
  };
  const dragOver = (event: DragEvent<HTMLDivElement>) => {
    if (disabled || !event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const drop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped && !disabled) onFile(dropped);
  };
  const key = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    choose();
  };
  return (
    <>
      <Box
        role="button"
        tabIndex={disabled ? -1 : 0}
        aria-label="Choose a file to import"
        aria-disabled={disabled}
        onClick={choose}
        onKeyDown={key}
        onDragOver={dragOver}
        onDragEnter={dragOver}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        data-testid="import-dropzone"
        data-over={over ? 'true' : 'false'}
        sx={{
          border: 2,
          borderStyle: 'dashed',
          borderColor: over ? 'primary.main' : file ? 'success.main' : 'divider',
          bgcolor: over ? 'action.hover' : 'transparent',
          borderRadius: 2,
          p: 4,
          textAlign: 'center',
          cursor: disabled ? 'default' : 'pointer',
          outline: 'none',
          '&:focus-visible': { borderColor: 'primary.main' },
        }}
      >
        <UploadFileIcon color={file ? 'success' : 'action'} sx={{ fontSize: 40 }} />
        {file ? (
          <Typography variant="body1" data-testid="import-file-name">
            {file.name} · {formatBytes(file.size)}
          </Typography>
        ) : (
          <Typography variant="body1">Drop a file here, or click to choose one</Typography>
        )}
        <Typography variant="body2" color="text.secondary">
          CSV, JSON or NDJSON, XML, SIE 4, or fixed-width (fipjp)
        </Typography>
      </Box>
      {/* Outside the zone: a click on it would otherwise bubble back into the zone's own click. */}
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        hidden
        data-testid="import-file"
        onChange={(event) => {
          const chosen = event.target.files?.[0];
          if (chosen) onFile(chosen);
          // Choosing the same file again still fires a change.
          event.target.value = '';
        }}
      />
    </>
  );
};
