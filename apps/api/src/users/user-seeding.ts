import type { RoleId } from '@floor-os/personas';
import type { EntityManager } from 'typeorm';
import type { Actor, AdminChangesService } from '../admin-changes/admin-changes.service';
import { User } from './user.entity';
import { mapUser } from './users.mapper';

// The demo seed's users (cli/seed-demo.ts, which runs outside the app's services, inside one transaction).
// The users module owns the table, so the writes are here.

/**
 * An active user with this email, password hash, persona and tenant: created and audited when missing; an
 * existing one is brought back to that state (its name, manager and agent code are left alone).
 */
export async function ensureSeedUser(
  manager: EntityManager,
  audit: AdminChangesService,
  actor: Actor,
  input: { tenantId: string | null; email: string; name: string; personas: RoleId[]; passwordHash: string },
): Promise<User> {
  const users = manager.getRepository(User);
  const existing = await users.findOneBy({ email: input.email });
  if (existing) {
    const { passwordHash, personas, tenantId } = input;
    await users.update({ id: existing.id }, { passwordHash, status: 'active', personas, tenantId });
    return existing;
  }
  const user = await users.save(
    users.create({ ...input, status: 'active', lastLoginAt: null, managerId: null, agentCode: null }),
  );
  await audit.record(manager, actor, {
    action: 'create',
    entityType: 'user',
    entityId: user.id,
    tenantId: input.tenantId,
    after: { ...mapUser(user) },
  });
  return user;
}

/** The id of the user with this email; fails when there is none. */
export async function seedUserId(manager: EntityManager, email: string): Promise<string> {
  return (await manager.getRepository(User).findOneByOrFail({ email })).id;
}

/** Puts the user with this email in a manager's team, with a dialer agent code. */
export async function setSeedTeam(
  manager: EntityManager,
  email: string,
  team: { managerId: string; agentCode: string },
): Promise<void> {
  await manager.getRepository(User).update({ email }, team);
}
