import { Controller, Get, Injectable } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DashboardView } from '@floor-os/contracts';
import { DataSource } from 'typeorm';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.decorators';
import { can, Principal } from '../auth/principal';
import { Tenant } from '../tenants/tenant.entity';


/** The numbers behind each persona's home cards; a card's numbers are only sent with its permission. */
@Injectable()
export class DashboardService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async view(who: Principal): Promise<DashboardView> {
    const view: DashboardView = { tenant: null };
    if (who.tenantId) {
      const tenant = await this.db.getRepository(Tenant).findOneByOrFail({ id: who.tenantId });
      view.tenant = { slug: tenant.slug, legal_name: tenant.legalName, pilot_mode: tenant.pilotMode, enforcement_mode: tenant.enforcementMode };
      if (can(who, 'users.read')) {
        const rows: { persona: string; users: number }[] = await this.db.query(
          `SELECT p AS persona, count(*)::int AS users FROM app_user, unnest(personas) p
            WHERE tenant_id = $1 AND status <> 'disabled' GROUP BY p ORDER BY p`,
          [who.tenantId],
        );
        view.users_by_persona = Object.fromEntries(rows.map((r) => [r.persona, r.users]));
      }
      if (can(who, 'api_keys.read')) {
        const [row]: { active: number; revoked: number; last_used_at: Date | null }[] = await this.db.query(
          `SELECT count(*) FILTER (WHERE revoked_at IS NULL)::int AS active,
                  count(*) FILTER (WHERE revoked_at IS NOT NULL)::int AS revoked,
                  max(last_used_at) AS last_used_at
             FROM api_key WHERE tenant_id = $1`,
          [who.tenantId],
        );
        view.api_keys = { active: row.active, revoked: row.revoked, last_used_at: row.last_used_at?.toISOString() ?? null };
      }
    }
    if (can(who, 'tenants.read')) {
      const [row]: { total: number; pilot: number; enforce: number }[] = await this.db.query(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE pilot_mode)::int AS pilot,
                count(*) FILTER (WHERE enforcement_mode = 'enforce')::int AS enforce FROM tenant`,
      );
      view.tenants = row;
    }
    if (can(who, 'onboarding.manage')) {
      // The board's own flags (libs/onboarding `isOverdue`: a due date before today, UTC, on a step not done or skipped).
      const [row]: { active: number; blocked: number; overdue: number; completed: number }[] = await this.db.query(
        `SELECT count(*) FILTER (WHERE c.completed_at IS NULL)::int AS active,
                count(*) FILTER (WHERE c.completed_at IS NULL AND EXISTS (
                  SELECT 1 FROM onboarding_step s WHERE s.checklist_id = c.id AND s.status = 'blocked'))::int AS blocked,
                count(*) FILTER (WHERE c.completed_at IS NULL AND EXISTS (
                  SELECT 1 FROM onboarding_step s WHERE s.checklist_id = c.id AND s.status NOT IN ('done', 'skipped')
                     AND s.due_date < (now() AT TIME ZONE 'UTC')::date))::int AS overdue,
                count(*) FILTER (WHERE c.completed_at IS NOT NULL)::int AS completed
           FROM onboarding_checklist c JOIN tenant t ON t.id = c.tenant_id`,
      );
      view.onboardings = row;
    }
    return view;
  }
}

@ApiTags('dashboard')
@Controller('api/v1/dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @RequirePermission('dashboard.read', { platform: true })
  get(@CurrentPrincipal() who: Principal): Promise<DashboardView> {
    return this.dashboard.view(who);
  }
}
