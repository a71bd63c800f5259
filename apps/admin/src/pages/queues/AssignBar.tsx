import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import type { TeamAgentView } from '@floor-os/contracts';
import { Alert, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useNotify } from 'react-admin';
import { apiFetch, fieldErrorsOf, messageOf } from '../../providers/http';

/** Nothing chosen yet: the bar assigns nothing until the manager picks an agent, or nobody on purpose. */
const CHOOSE = '';
const NOBODY = 'nobody';

interface AssignBarProps {
  agents: readonly TeamAgentView[];
  accountIds: readonly string[];
  onAssigned: () => void;
}

function priorityProblem(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  return /^\d{1,3}$/.test(text.trim()) && Number(text) <= 100 ? undefined : 'a whole number from 0 to 100';
}

/**
 * Assigns the selected accounts to the agent of the team the manager picks, or back to nobody when that is
 * picked (never by default), with an optional priority.
 */
export const AssignBar = ({ agents, accountIds, onAssigned }: AssignBarProps) => {
  const notify = useNotify();
  const [agentId, setAgentId] = useState<string>(CHOOSE);
  const [priority, setPriority] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const problem = priorityProblem(priority);

  const assign = async () => {
    setBusy(true);
    setErrors({});
    try {
      const body = {
        account_ids: [...accountIds],
        agent_id: agentId === NOBODY ? null : agentId,
        ...(priority.trim() === '' ? {} : { priority: Number(priority.trim()) }),
      };
      const { assigned } = await apiFetch<{ assigned: number }>('/queue-assignments', { method: 'POST', body });
      const who = agents.find((agent) => agent.id === agentId)?.name;
      const accounts = `${assigned} ${assigned === 1 ? 'account' : 'accounts'}`;
      notify(who ? `${accounts} assigned to ${who}` : `${accounts} unassigned`, { type: 'success' });
      onAssigned();
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      notify(messageOf(error, 'The assignment failed'), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-testid="assign-bar">
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={1.5} alignItems={{ md: 'center' }}>
        <Typography variant="body2" sx={{ minWidth: 110 }} data-testid="assign-selected-count">
          {accountIds.length} selected
        </Typography>
        <TextField
          select
          label="Assign to"
          value={agentId}
          onChange={(event) => setAgentId(event.target.value)}
          size="small"
          sx={{ width: { xs: '100%', md: 240 }, flexShrink: 0 }}
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
          sx={{ width: 130, flexShrink: 0 }}
          placeholder="keep"
          error={!!(problem ?? errors.priority)}
          helperText={problem ?? errors.priority ?? '0–100, highest first'}
          slotProps={{
            htmlInput: { 'data-testid': 'assign-priority', inputMode: 'numeric' },
            inputLabel: { shrink: true },
          }}
        />
        <Button
          variant="contained"
          startIcon={<AssignmentIndIcon />}
          onClick={assign}
          disabled={busy || accountIds.length === 0 || agentId === CHOOSE || !!problem}
          data-testid="assign-submit"
        >
          Assign
        </Button>
      </Stack>
      {errors.account_ids ? (
        <Alert severity="error" sx={{ mt: 1 }}>
          {errors.account_ids}
        </Alert>
      ) : null}
    </Paper>
  );
};
