import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../src/auth/session.entity';
import { sha256 } from '../src/auth/tokens';
import { MaintenanceService } from '../src/maintenance/maintenance.service';
import { JOBS, QUEUES } from '../src/queues/queues';
import { Invitation } from '../src/users/invitation.entity';
import { startWorker } from '../src/worker';
import { testConfig } from './support/app';
import { makeTenant, makeUser, unique } from './support/factories';
import { until } from './support/wait';

describe('the worker process', () => {
  let worker: INestApplicationContext;
  let db: DataSource;

  beforeAll(async () => {
    worker = await startWorker(testConfig());
    db = worker.get(DataSource);
  });
  afterAll(() => worker.close());

  it('should schedule exactly one repeatable expire-stale job however often it starts', async () => {
    await worker.get(MaintenanceService).schedule();
    const queue = worker.get<Queue>(getQueueToken(QUEUES.maintenance));
    const repeatable = await queue.getRepeatableJobs();
    expect(repeatable.filter((job) => job.name === JOBS.expireStale)).toHaveLength(1);
  });

  it('should expire stale invitations and remove ended sessions through a real Bull job', async () => {
    const tenant = await makeTenant(db);
    const invited = await makeUser(db, tenant, ['agent'], { status: 'invited', passwordHash: null });
    const fresh = await makeUser(db, tenant, ['agent'], { status: 'invited', passwordHash: null });
    const active = await makeUser(db, tenant, ['agent']);
    const invitations = db.getRepository(Invitation);
    const stale = await invitations.save({
      tenantId: tenant.id,
      userId: invited.id,
      tokenHash: sha256(unique('t')),
      status: 'pending',
      expiresAt: new Date(Date.now() - 60_000),
      acceptedAt: null,
      createdById: null,
    });
    const valid = await invitations.save({
      tenantId: tenant.id,
      userId: fresh.id,
      tokenHash: sha256(unique('t')),
      status: 'pending',
      expiresAt: new Date(Date.now() + 3_600_000),
      acceptedAt: null,
      createdById: null,
    });
    const sessions = db.getRepository(Session);
    const ended = await sessions.save({
      userId: active.id,
      tokenHash: sha256(unique('s')),
      activeTenantId: tenant.id,
      expiresAt: new Date(Date.now() - 1_000),
      revokedAt: null,
    });
    const live = await sessions.save({
      userId: active.id,
      tokenHash: sha256(unique('s')),
      activeTenantId: tenant.id,
      expiresAt: new Date(Date.now() + 3_600_000),
      revokedAt: null,
    });

    await worker.get(MaintenanceService).runNow();

    await until(async () =>
      (await invitations.findOneByOrFail({ id: stale.id })).status === 'expired' ? true : undefined,
    );
    expect((await invitations.findOneByOrFail({ id: valid.id })).status).toBe('pending');
    await until(async () => ((await sessions.countBy({ id: ended.id })) === 0 ? true : undefined));
    expect(await sessions.countBy({ id: live.id })).toBe(1);
  });
});
