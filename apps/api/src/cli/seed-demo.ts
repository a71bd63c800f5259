import { PERSONA_IDS, PLATFORM_OPERATOR, RoleId } from '@floor-os/personas';
import { DataSource } from 'typeorm';
import { Actor, AuditLogService } from '../audit-log/audit-log.service';
import { hashPassword } from '../auth/passwords';
import { Tenant } from '../tenants/tenant.entity';
import { mapTenant } from '../tenants/tenants.mapper';
import { User } from '../users/user.entity';
import { mapUser } from '../users/users.mapper';

export const DEMO_TENANT = 'acme-collections';
export const OPERATOR_EMAIL = 'operator@floor-os.demo';

export interface DemoLogin {
  role: RoleId;
  email: string;
}

/** The demo's sign-ins: one user per persona of `acme-collections`, and the platform operator. */
export function demoLogins(): DemoLogin[] {
  return [
    ...PERSONA_IDS.map((persona) => ({ role: persona as RoleId, email: `${persona}@${DEMO_TENANT}.demo` })),
    { role: PLATFORM_OPERATOR, email: OPERATOR_EMAIL },
  ];
}

const ACTOR: Actor = { type: 'cli', id: null, label: 'seed-demo' };

/**
 * Seeds the demo (SPEC "The demo seed"): tenant `acme-collections` in pilot mode and shadow with all eight
 * personas on, an active user per persona, the platform operator, and a second, non-pilot tenant for
 * the operator's switcher. Idempotent: existing rows are brought back to the seed's state, passwords reset
 * to `password`.
 */
export async function seedDemo(db: DataSource, audit: AuditLogService, password: string): Promise<DemoLogin[]> {
  const passwordHash = await hashPassword(password);
  await db.transaction(async (manager) => {
    const tenants = manager.getRepository(Tenant);
    const upsertTenant = async (slug: string, legalName: string, pilotMode: boolean, personas: Tenant['activePersonas']) => {
      let tenant = await tenants.findOneBy({ slug });
      if (!tenant) {
        tenant = await tenants.save(tenants.create({ slug, legalName, pilotMode, enforcementMode: 'shadow', activePersonas: personas }));
        await audit.record(manager, ACTOR, { action: 'create', entityType: 'tenant', entityId: tenant.id, tenantId: tenant.id, after: { ...mapTenant(tenant) } });
      }
      return tenant;
    };
    const acme = await upsertTenant(DEMO_TENANT, 'Acme Collections LLC', true, [...PERSONA_IDS]);
    await upsertTenant('northwind-recovery', 'Northwind Recovery Inc.', false, ['compliance_officer', 'manager', 'agent', 'it', 'tenant_admin']);

    const users = manager.getRepository(User);
    for (const login of demoLogins()) {
      const tenantId = login.role === PLATFORM_OPERATOR ? null : acme.id;
      const existing = await users.findOneBy({ email: login.email });
      const name = login.role === PLATFORM_OPERATOR ? 'Platform Operator' : `Demo ${login.role.replace(/_/g, ' ')}`;
      if (existing) {
        await users.update({ id: existing.id }, { passwordHash, status: 'active', personas: [login.role], tenantId });
        continue;
      }
      const user = await users.save(
        users.create({ tenantId, email: login.email, name, personas: [login.role], status: 'active', passwordHash, lastLoginAt: null, managerId: null, agentCode: null }),
      );
      await audit.record(manager, ACTOR, { action: 'create', entityType: 'user', entityId: user.id, tenantId, after: { ...mapUser(user) } });
    }
    // The demo agent belongs to the demo manager's team and has a dialer agent code.
    const managerUser = await users.findOneByOrFail({ email: `manager@${DEMO_TENANT}.demo` });
    await users.update({ email: `agent@${DEMO_TENANT}.demo` }, { managerId: managerUser.id, agentCode: 'AG-1001' });
  });
  return demoLogins();
}
