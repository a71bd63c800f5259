import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Decided detail 9: the gate's `agent_id` is the user's dialer agent code when there is one, else the user id. */
@Injectable()
export class AgentDirectory {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async agentIdOf(userId: string): Promise<string> {
    const rows: { agent_code: string | null }[] = await this.db.query('SELECT agent_code FROM app_user WHERE id = $1', [
      userId,
    ]);
    return rows[0]?.agent_code ?? userId;
  }
}

/**
 * SQL for the name of the user behind a decision's `agent_id` (decided detail 9: the user's agent code, or
 * the user id), given the table alias of a row carrying `tenant_id` and `agent_id`; NULL for a dialer's agent
 * code that no user holds. People read the name, never the id.
 */
export function agentNameSql(alias: string): string {
  return `(SELECT u.name FROM app_user u WHERE u.tenant_id = ${alias}.tenant_id
             AND (u.agent_code = ${alias}.agent_id OR u.id::text = ${alias}.agent_id)
           ORDER BY (u.agent_code = ${alias}.agent_id) DESC NULLS LAST LIMIT 1)`;
}
