import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Decided detail 9: the gate's `agent_id` is the user's dialer agent code when there is one, else the user id. */
@Injectable()
export class AgentDirectory {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async agentIdOf(userId: string): Promise<string> {
    const rows: { agent_code: string | null }[] = await this.db.query('SELECT agent_code FROM app_user WHERE id = $1', [userId]);
    return rows[0]?.agent_code ?? userId;
  }
}
