import type { UserView } from '@floor-os/contracts';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { AutocompleteInput, Form, ReferenceInput } from 'react-admin';
import { personOption } from './OffboardingCreate';

/**
 * A confirmation dialog that asks for one person of the tenant (a key's new owner, the agent who takes the
 * accounts): a search by name or email over the users list, never a raw id. `filter` narrows who may be picked.
 */
export const PersonPickerDialog = ({
  open,
  title,
  children,
  label,
  filter,
  confirm,
  pending,
  onConfirm,
  onClose,
  testId,
  extra,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  label: string;
  filter: Record<string, unknown>;
  confirm: string;
  pending: boolean;
  onConfirm: (person: UserView) => void;
  onClose: () => void;
  testId: string;
  /** Shown under the picker (e.g. a switch that widens `filter`). */
  extra?: ReactNode;
}) => {
  const [person, setPerson] = useState<UserView | null>(null);
  const close = () => {
    setPerson(null);
    onClose();
  };
  return (
    <Dialog open={open} onClose={close} maxWidth="sm" fullWidth data-testid={testId}>
      <DialogTitle>{title}</DialogTitle>
      <Form onSubmit={() => (person ? onConfirm(person) : undefined)}>
        <DialogContent sx={{ pt: 0 }}>
          <Stack spacing={1}>
            <Typography variant="body2" component="div">
              {children}
            </Typography>
            <ReferenceInput
              source="person_id"
              reference="users"
              filter={filter}
              sort={{ field: 'name', order: 'ASC' }}
              perPage={25}
            >
              <AutocompleteInput
                label={label}
                optionText={personOption}
                onChange={(_value: unknown, record: unknown) => setPerson((record as UserView | undefined) ?? null)}
                helperText="Type a name or an email"
                fullWidth
                noOptionsText="Nobody matches"
              />
            </ReferenceInput>
            {extra}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={!person || pending} data-testid={`${testId}-confirm`}>
            {confirm}
          </Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
};
