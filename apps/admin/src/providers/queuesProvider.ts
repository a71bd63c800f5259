import type { QueueAssignmentResult, TeamAgentView } from '@floor-os/contracts';
import { apiFetch } from './http';

/**
 * The queues' calls that are not lists (SPEC V3, P5): the manager's team and the bulk assignment. The queues
 * themselves are the list resources `my-queue` and `team-queue`, read by `<List>`.
 */
export interface QueuesMethods {
  getTeamAgents(): Promise<TeamAgentView[]>;
  /** Assigns the accounts to an agent of the team, or to nobody (`agentId` null), with an optional priority. */
  assignQueueAccounts(input: {
    account_ids: string[];
    agent_id: string | null;
    priority?: number;
  }): Promise<QueueAssignmentResult>;
}

export const queuesMethods: QueuesMethods = {
  getTeamAgents: () => apiFetch('/team-agents'),
  assignQueueAccounts: (input) => apiFetch('/queue-assignments', { method: 'POST', body: input }),
};
