import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import type { TeamAgentView } from '@floor-os/contracts';
import {
  Alert,
  Button as MuiButton,
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
import { Button, useListContext, useNotify } from 'react-admin';
import { fieldErrorsOf, messageOf } from '../../providers/http';
import { usePanelData } from '../../providers/usePanelData';

/** Nothing chosen yet: the dialog assigns nothing until the manager picks an agent, or nobody on purpose. */
const CHOOSE = '';
const NOBODY = 'nobody';

/** The query of the manager's team (with what each agent holds), refreshed after an assignment. */
export const TEAM_AGENTS_KEY = ['team-queue', 'agents'] as const;

function priorityProblem(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  return /^\d{1,3}$/.test(text.trim()) && Number(text) <= 100 ? undefined : 'a whole number from 0 to 100';
}

const accountsText = (count: number) => `${count} ${count === 1 ? 'account' : 'accounts'}`;

/**
 * The team queue's bulk action "Assign to": the selected accounts go to the agent of the team the manager
 * picks (never by default; "nobody" puts them back to unassigned, also only when picked), with an optional
 * priority.
 */
export const AssignButton = ({ agents }: { agents: readonly TeamAgentView[] }) => {
  const { selectedIds, onUnselectItems } = useListContext();
  const notify = useNotify();
  const dataProvider = usePanelData();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [agentId, setAgentId] = useState<string>(CHOOSE);
  const [priority, setPriority] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const problem = priorityProblem(priority);

  const close = () => {
    setOpen(false);
    setAgentId(CHOOSE);
    setPriority('');
    setErrors({});
  };

  const assign = useMutation({
    mutationFn: () =>
      dataProvider.assignQueueAccounts({
        account_ids: selectedIds.map(String),
        agent_id: agentId === NOBODY ? null : agentId,
        ...(priority.trim() === '' ? {} : { priority: Number(priority.trim()) }),
      }),
    onSuccess: ({ assigned }) => {
      const who = agents.find((agent) => agent.id === agentId)?.name;
      notify(who ? `${accountsText(assigned)} assigned to ${who}` : `${accountsText(assigned)} unassigned`, {
        type: 'success',
      });
      onUnselectItems();
      close();
      // The queues and the team's counts show the new holders.
      void queryClient.invalidateQueries({ queryKey: ['team-queue'] });
      void queryClient.invalidateQueries({ queryKey: ['my-queue'] });
    },
    onError: (error) => {
      setErrors(fieldErrorsOf(error));
      notify(messageOf(error, 'The assignment failed'), { type: 'error' });
    },
  });

  return (
    <>
      <Button label="Assign to" onClick={() => setOpen(true)} data-testid="assign-open">
        <AssignmentIndIcon />
      </Button>
      <Dialog open={open} onClose={close} maxWidth="xs" fullWidth data-testid="assign-dialog">
        <DialogTitle>Assign {accountsText(selectedIds.length)}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <TextField
              select
              label="Assign to"
              value={agentId}
              onChange={(event) => setAgentId(event.target.value)}
              size="small"
              error={!!errors.agent_id}
              helperText={errors.agent_id}
              slotProps={{
                select: { native: true },
                htmlInput: { 'data-testid': 'assign-agent' },
                inputLabel: { shrink: true },
              }}
            >
              <option value={CHOOSE} disabled>
                Choose an agent…
              </option>
              {agents.map((agent) => (
                <option key={agent.id} value={agent.id}>
                  {agent.name}
                  {agent.agent_code ? ` (${agent.agent_code})` : ''}
                </option>
              ))}
              <option value={NOBODY}>Nobody: back to unassigned</option>
            </TextField>
            <TextField
              label="Priority"
              value={priority}
              onChange={(event) => setPriority(event.target.value)}
              size="small"
              placeholder="keep"
              error={!!(problem ?? errors.priority)}
              helperText={problem ?? errors.priority ?? '0–100, highest first; empty keeps each account’s priority'}
              slotProps={{
                htmlInput: { 'data-testid': 'assign-priority', inputMode: 'numeric' },
                inputLabel: { shrink: true },
              }}
            />
            {agentId === CHOOSE ? (
              <Typography variant="caption" color="text.secondary">
                Choose who takes the accounts.
              </Typography>
            ) : null}
            {errors.account_ids ? <Alert severity="error">{errors.account_ids}</Alert> : null}
          </Stack>
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={close}>Cancel</MuiButton>
          <MuiButton
            variant="contained"
            startIcon={<AssignmentIndIcon />}
            onClick={() => assign.mutate()}
            disabled={assign.isPending || selectedIds.length === 0 || agentId === CHOOSE || !!problem}
            data-testid="assign-submit"
          >
            Assign
          </MuiButton>
        </DialogActions>
      </Dialog>
    </>
  );
};
