import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * What the tenant health check's probes read back (SPEC O4, decided detail 10): the Tenant Admins to sign in
 * as, the smoke-test account, the gate's audit row of the probe's own check, and the numbers the reports are
 * built from. Read-only.
 */
@Injectable()
export class HealthProbeReadModel {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The tenant's Tenant Admins, active ones first, then by age. */
  tenantAdmins(tenantId: string): Promise<{ id: string; status: string }[]> {
    return this.db.query(
      `SELECT id, status FROM app_user WHERE tenant_id = $1 AND 'tenant_admin' = ANY(personas) ORDER BY status = 'active' DESC, created_at`,
      [tenantId],
    );
  }

  async accountExists(tenantId: string, accountId: string): Promise<boolean> {
    const [account] = await this.db.query('SELECT 1 FROM account WHERE tenant_id = $1 AND account_id = $2', [
      tenantId,
      accountId,
    ]);
    return account !== undefined;
  }

  async decisionLogged(tenantId: string, auditId: string): Promise<boolean> {
    const [row] = await this.db.query(
      'SELECT allowed FROM compliance_event_log WHERE tenant_id = $1 AND audit_id = $2',
      [tenantId, auditId],
    );
    return row !== undefined;
  }

  /** Real accounts, gate decisions in the last 7 days and completed imports. */
  async reportNumbers(tenantId: string): Promise<{ accounts: number; decisions: number; imports: number }> {
    const [numbers] = await this.db.query(
      `SELECT (SELECT count(*) FROM account WHERE tenant_id = $1 AND NOT is_test)::int AS accounts,
                    (SELECT count(*) FROM compliance_event_log WHERE tenant_id = $1 AND created_at > now() - interval '7 days')::int AS decisions,
                    (SELECT count(*) FROM import_job WHERE tenant_id = $1 AND status = 'completed')::int AS imports`,
      [tenantId],
    );
    return numbers;
  }
}
