import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccountContactView, AccountDecisionView } from '@floor-os/contracts';
import { DataSource } from 'typeorm';
import { agentNameSql } from '../../gate/agent-directory';

/**
 * What AccountDetail shows beside the account's own facts: its latest gate decisions and its contact history
 * (the gate's decision log and contact attempts). Read-only.
 */
@Injectable()
export class AccountHistoryReadModel {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The account's latest 20 decisions, newest first, with the agent's name. */
  recentDecisions(tenantId: string, accountId: string): Promise<AccountDecisionView[]> {
    return this.db.query(
      `SELECT audit_id, created_at, channel, agent_id, ${agentNameSql('e')} AS agent_name, allowed, would_block, mode, rule_ids, statutes, next_allowed_at
         FROM compliance_event_log e WHERE tenant_id = $1 AND account_id = $2 ORDER BY created_at DESC LIMIT 20`,
      [tenantId, accountId],
    );
  }

  /** The account's contact attempts of the last 30 days, newest first (at most 100). */
  contactHistory(tenantId: string, accountId: string): Promise<AccountContactView[]> {
    return this.db.query(
      `SELECT id, at, channel, outcome, counted, audit_id FROM contact_attempt
        WHERE tenant_id = $1 AND account_id = $2 AND at > now() - interval '30 days' ORDER BY at DESC LIMIT 100`,
      [tenantId, accountId],
    );
  }
}
