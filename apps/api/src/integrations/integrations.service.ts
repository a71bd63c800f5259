import { type IntegrationInventoryView } from '@floor-os/contracts';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AdminChangesService } from '../admin-changes/admin-changes.service';
import { Principal, tenantOf } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { UsersService } from '../users/users.service';
import { IntegrationInventory } from './integration-inventory.entity';
import type { IntegrationInventoryDto } from './dto/integration-inventory.dto';

/**
 * The integration inventory worksheet (SPEC V4): which dialer, CRM and payment processor the tenant runs,
 * signed off by IT. Any change after a sign-off clears it (the signature covers what was signed); both are
 * audited.
 */
@Injectable()
export class IntegrationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AdminChangesService,
    private readonly users: UsersService,
  ) {}

  async get(who: Principal): Promise<IntegrationInventoryView> {
    return this.view(
      this.db.manager,
      await this.db.getRepository(IntegrationInventory).findOneBy({ tenantId: tenantOf(who) }),
    );
  }

  /** `body` is checked by its DTO (types, sizes, known fields). */
  async put(who: Principal, body: IntegrationInventoryDto): Promise<IntegrationInventoryView> {
    const tenantId = tenantOf(who);
    return this.db.transaction(async (manager) => {
      const repo = manager.getRepository(IntegrationInventory);
      const current = await repo.findOne({ where: { tenantId }, lock: { mode: 'pessimistic_write' } });
      const before = current ? await this.view(manager, current) : null;
      const was = current
        ? { dialer: current.dialer, crm: current.crm, paymentProcessor: current.paymentProcessor, notes: current.notes }
        : null;
      const next =
        current ??
        repo.create({
          tenantId,
          dialer: null,
          crm: null,
          paymentProcessor: null,
          notes: null,
          signedOffBy: null,
          signedOffAt: null,
        });
      const clean = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
      if (body.dialer !== undefined) next.dialer = (body.dialer as string | null) ?? null;
      if (body.crm !== undefined) next.crm = clean(body.crm);
      if (body.payment_processor !== undefined) next.paymentProcessor = clean(body.payment_processor);
      if (body.notes !== undefined) next.notes = clean(body.notes);
      const changed = !was || (['dialer', 'crm', 'paymentProcessor', 'notes'] as const).some((k) => was[k] !== next[k]);
      if (!changed) return before!;
      next.signedOffBy = null;
      next.signedOffAt = null;
      const saved = await repo.save(next);
      const after = await this.view(manager, saved);
      await this.audit.record(manager, who, {
        action: current ? 'update' : 'create',
        entityType: 'integration_inventory',
        entityId: tenantId,
        before: before ? { ...before } : null,
        after: { ...after },
      });
      return after;
    });
  }

  async signOff(who: Principal): Promise<IntegrationInventoryView> {
    const tenantId = tenantOf(who);
    return this.db.transaction(async (manager) => {
      const repo = manager.getRepository(IntegrationInventory);
      const current = await repo.findOne({ where: { tenantId }, lock: { mode: 'pessimistic_write' } });
      if (!current?.dialer)
        throw new ApiError(
          HttpStatus.CONFLICT,
          'INVENTORY_INCOMPLETE',
          'Name the dialer before signing off the inventory',
        );
      const before = await this.view(manager, current);
      current.signedOffBy = who.kind === 'user' ? who.id : null;
      current.signedOffAt = new Date();
      const after = await this.view(manager, await repo.save(current));
      await this.audit.record(manager, who, {
        action: 'update',
        entityType: 'integration_inventory',
        entityId: tenantId,
        before: { ...before },
        after: { ...after },
      });
      return after;
    });
  }

  private async view(manager: EntityManager, row: IntegrationInventory | null): Promise<IntegrationInventoryView> {
    let signedOffBy: IntegrationInventoryView['signed_off_by'] = null;
    if (row?.signedOffBy) {
      const user = await this.users.nameOf(row.signedOffBy, manager);
      signedOffBy = user ?? { id: row.signedOffBy, name: '(removed user)' };
    }
    return {
      dialer: (row?.dialer as IntegrationInventoryView['dialer']) ?? null,
      crm: row?.crm ?? null,
      payment_processor: row?.paymentProcessor ?? null,
      notes: row?.notes ?? null,
      signed_off_by: signedOffBy,
      signed_off_at: row?.signedOffAt?.toISOString() ?? null,
      updated_at: row?.updatedAt?.toISOString() ?? null,
    };
  }
}
