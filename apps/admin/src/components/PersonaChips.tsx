import { isRoleId, ROLES } from '@floor-os/personas';
import { Chip, Stack } from '@mui/material';
import { useRecordContext } from 'react-admin';

/** The label of a persona id from the catalogue, or the id itself when the catalogue does not know it. */
export function personaLabel(id: string): string {
  return isRoleId(id) ? ROLES[id].label : id;
}

/** The record's persona ids as chips labelled from the catalogue. */
export const PersonaChips = ({ source = 'personas' }: { source?: string; label?: string }) => {
  const record = useRecordContext();
  const ids: unknown = record?.[source];
  if (!Array.isArray(ids) || ids.length === 0) return null;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap">
      {ids.map((id: string) => (
        <Chip key={id} size="small" label={personaLabel(id)} data-persona-chip={id} />
      ))}
    </Stack>
  );
};
