/** The agents' work queue: my queue, the team queue and the team's agents. */

/** `GET /api/v1/my-queue` and `GET /api/v1/team-queue` rows (decided detail 21: no extra gate call). */
export interface QueueItemView {
  id: string;
  account_id: string;
  phone_last4: string | null;
  state: string | null;
  balance: string | null;
  priority: number;
  assigned_agent: { id: string; name: string } | null;
  assigned_at: string | null;
  last_decision: {
    audit_id: string;
    decided_at: string;
    allowed: boolean;
    would_block: boolean;
    next_allowed_at: string | null;
  } | null;
  /** The latest decision's next_allowed_at (null: no decision yet, or nothing blocks the next contact). */
  next_allowed_at: string | null;
}

/** `GET /api/v1/team-agents`: the manager's team. */
export interface TeamAgentView {
  id: string;
  name: string;
  email: string;
  agent_code: string | null;
  assigned_count: number;
}

/** `POST /api/v1/queue-assignments`: how many accounts were assigned (or unassigned). */
export interface QueueAssignmentResult {
  assigned: number;
}
