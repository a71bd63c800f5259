import { PERSONA_IDS, PersonaId, RoleId } from '@floor-os/personas';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/passwords';
import { Tenant } from '../../src/tenants/tenant.entity';
import { User } from '../../src/users/user.entity';

export const PASSWORD = 'correct-horse-battery';
let passwordHash: Promise<string> | undefined;

/** A short unique suffix, so suites sharing a database never collide. */
export function unique(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export async function makeTenant(db: DataSource, fields: Partial<Tenant> = {}): Promise<Tenant> {
  const repo = db.getRepository(Tenant);
  return repo.save(
    repo.create({
      slug: unique('tenant'),
      legalName: 'Test Collections LLC',
      pilotMode: true,
      enforcementMode: 'shadow',
      activePersonas: [...PERSONA_IDS] as PersonaId[],
      ...fields,
    }),
  );
}

/** An active user who signs in with `PASSWORD`. */
export async function makeUser(
  db: DataSource,
  tenant: Tenant | null,
  personas: RoleId[],
  fields: Partial<User> = {},
): Promise<User> {
  passwordHash ??= hashPassword(PASSWORD);
  const repo = db.getRepository(User);
  return repo.save(
    repo.create({
      tenantId: tenant?.id ?? null,
      email: `${unique((personas[0] ?? 'nobody').replace(/_/g, '-'))}@example.test`,
      name: 'Test User',
      personas,
      status: 'active',
      passwordHash: await passwordHash,
      lastLoginAt: null,
      managerId: null,
      agentCode: null,
      ...fields,
    }),
  );
}
