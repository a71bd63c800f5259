import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A tenant as the onboarding workbench names it. */
export interface OnboardingTenant {
  id: string;
  slug: string;
  legal_name: string;
}

/** When the product first (or last) saw each kind of step evidence for a tenant, as the database gives it. */
export interface EvidenceRow {
  tenant_signed_in: Date | null;
  api_key_exists: Date | null;
  import_completed: Date | null;
  inventory_signed_off: Date | null;
  health_check_passed: Date | null;
  enforce_mode: Date | null;
  gate_call_seen: Date | null;
  gap_report_signed: Date | null;
  sso_sign_in: Date | null;
  sso_issuer: string | null;
  sso_last_user: string | null;
  tenant_created_at: Date | null;
  tenant_timezone: string | null;
}

/** A recorded milestone decision with its decider's name and email (null once the user is gone). */
export interface MilestoneDecisionRow {
  day: number;
  decision: 'continue' | 'expand' | 'pause';
  note: string;
  decided_at: Date;
  name: string | null;
  email: string | null;
}

/**
 * The onboarding workbench's reads of other modules' tables (SPEC O1, O3, O5): the tenants it is about, the
 * platform users who are assigned steps, and the evidence that flips steps by itself (sign-ins, keys, imports,
 * the integration inventory, the switch to enforce, gate decisions, the single sign-on). Read-only.
 */
@Injectable()
export class OnboardingEvidenceReadModel {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A tenant by its slug or id, or undefined. */
  async tenant(ref: string): Promise<OnboardingTenant | undefined> {
    const [tenant] = await this.db.query('SELECT id, slug, legal_name FROM tenant WHERE slug = $1 OR id::text = $1', [
      ref,
    ]);
    return tenant;
  }

  tenants(): Promise<OnboardingTenant[]> {
    return this.db.query('SELECT id, slug, legal_name FROM tenant');
  }

  /** Platform users (no tenant), each with its name, or its email when unnamed. */
  operatorNames(): Promise<{ id: string; name: string }[]> {
    return this.db.query(
      `SELECT id::text, coalesce(nullif(name, ''), email) AS name FROM app_user WHERE tenant_id IS NULL`,
    );
  }

  /**
   * The first sign-in of an active Tenant Admin, the first active key, the first completed import, the
   * inventory sign-off, the latest pass in the last 24 hours, the switch to enforce (its tenant's last update),
   * the first real gate decision, the latest gap report sign-off, the single sign-on, the tenant's start and zone.
   */
  async evidence(tenantId: string): Promise<EvidenceRow> {
    const [row] = await this.db.query(
      `SELECT
         (SELECT min(last_login_at) FROM app_user WHERE tenant_id = $1 AND status = 'active' AND 'tenant_admin' = ANY(personas)) AS tenant_signed_in,
         (SELECT min(created_at) FROM api_key WHERE tenant_id = $1 AND revoked_at IS NULL) AS api_key_exists,
         (SELECT min(applied_at) FROM import_job WHERE tenant_id = $1 AND status = 'completed') AS import_completed,
         (SELECT signed_off_at FROM integration_inventory WHERE tenant_id = $1) AS inventory_signed_off,
         (SELECT max(ran_at) FROM tenant_health_check WHERE tenant_id = $1 AND status = 'pass' AND ran_at > now() - interval '24 hours') AS health_check_passed,
         (SELECT updated_at FROM tenant WHERE id = $1 AND enforcement_mode = 'enforce') AS enforce_mode,
         (SELECT min(created_at) FROM compliance_event_log WHERE tenant_id = $1 AND NOT is_test) AS gate_call_seen,
         (SELECT max(created_at) FROM report_snapshot WHERE tenant_id = $1 AND kind = 'gap_sign_off') AS gap_report_signed,
         (SELECT last_sign_in_at FROM sso_config WHERE tenant_id = $1) AS sso_sign_in,
         (SELECT issuer FROM sso_config WHERE tenant_id = $1) AS sso_issuer,
         (SELECT coalesce(nullif(u.name, ''), u.email) FROM sso_config c JOIN app_user u ON u.id = c.last_sign_in_user_id WHERE c.tenant_id = $1) AS sso_last_user,
         (SELECT created_at FROM tenant WHERE id = $1) AS tenant_created_at,
         (SELECT timezone FROM tenant WHERE id = $1) AS tenant_timezone`,
      [tenantId],
    );
    return row;
  }

  /** The tenant's recorded milestone decisions (the usage readout's), with who decided. */
  milestoneDecisions(tenantId: string): Promise<MilestoneDecisionRow[]> {
    return this.db.query(
      `SELECT d.day, d.decision, d.note, d.decided_at, u.name, u.email FROM usage_decision d LEFT JOIN app_user u ON u.id = d.decided_by WHERE d.tenant_id = $1`,
      [tenantId],
    );
  }

  /** Each tenant's first real (non-test) gate decision. */
  firstGateCalls(tenantIds: readonly string[]): Promise<{ tenant_id: string; at: Date }[]> {
    return this.db.query(
      `SELECT tenant_id, min(created_at) AS at FROM compliance_event_log WHERE tenant_id = ANY($1) AND NOT is_test GROUP BY tenant_id`,
      [tenantIds],
    );
  }

  /** Each tenant's first completed import. */
  firstImports(tenantIds: readonly string[]): Promise<{ tenant_id: string; at: Date }[]> {
    return this.db.query(
      `SELECT tenant_id, min(applied_at) AS at FROM import_job WHERE tenant_id = ANY($1) AND status = 'completed' GROUP BY tenant_id`,
      [tenantIds],
    );
  }
}
