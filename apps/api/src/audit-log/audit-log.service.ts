import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditEntryView } from '@floor-os/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { Principal, tenantOf } from '../auth/principal';
import { applyList, ListQuery, ListSpec, parseListQuery } from '../database/list-query';
import { ActorType, AdminAuditEntry, AuditAction } from './admin-audit-entry.entity';

/** Fields that never reach the audit log, whatever entity they come from. */
const SECRET_FIELDS = /(password|secret|token|hash)/i;

export function redact(value: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!value) return null;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (SECRET_FIELDS.test(key)) continue;
    out[key] = field instanceof Date ? field.toISOString() : field;
  }
  return out;
}

export interface Actor {
  type: ActorType;
  id: string | null;
  label: string;
}

export function actorOf(who: Principal): Actor {
  return { type: who.kind, id: who.id, label: who.label };
}

export interface AuditChange {
  action: AuditAction;
  entityType: string;
  entityId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Defaults to the principal's tenant. */
  tenantId?: string | null;
}

export type { AuditEntryView };

export function mapAuditEntry(entry: AdminAuditEntry): AuditEntryView {
  return {
    id: String(entry.id),
    tenant_id: entry.tenantId,
    actor_type: entry.actorType,
    actor_id: entry.actorId,
    actor_label: entry.actorLabel,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before: entry.before,
    after: entry.after,
    created_at: entry.createdAt.toISOString(),
  };
}

const AUDIT_LIST: ListSpec = {
  fields: {
    id: 'a.id',
    created_at: 'a.created_at',
    actor_type: 'a.actor_type',
    actor_id: 'a.actor_id',
    actor_label: 'a.actor_label',
    action: 'a.action',
    entity_type: 'a.entity_type',
    entity_id: 'a.entity_id',
  },
  search: ['a.actor_label', 'a.entity_type', 'a.entity_id'],
  defaultSort: ['created_at', 'DESC'],
};

/** The admin audit log (SPEC R6): written in the same transaction as the change it records. */
@Injectable()
export class AuditLogService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(manager: EntityManager, who: Principal | Actor, change: AuditChange): Promise<void> {
    const actor = 'kind' in who ? actorOf(who) : who;
    const tenantId = change.tenantId !== undefined ? change.tenantId : 'kind' in who ? who.tenantId : null;
    const row: Partial<AdminAuditEntry> = {
      tenantId,
      actorType: actor.type,
      actorId: actor.id,
      actorLabel: actor.label,
      action: change.action,
      entityType: change.entityType,
      entityId: change.entityId,
      before: redact(change.before),
      after: redact(change.after),
    };
    await manager.getRepository(AdminAuditEntry).insert(row as never);
  }

  async list(who: Principal, query: ListQuery): Promise<{ rows: AuditEntryView[]; total: number; skip: number }> {
    const parsed = parseListQuery(query, AUDIT_LIST);
    const qb = this.db
      .getRepository(AdminAuditEntry)
      .createQueryBuilder('a')
      .where('a.tenant_id = :tenant', { tenant: tenantOf(who) });
    const [rows, total] = await applyList(qb, parsed, AUDIT_LIST).getManyAndCount();
    return { rows: rows.map(mapAuditEntry), total, skip: parsed.skip };
  }

  async get(who: Principal, id: string): Promise<AuditEntryView> {
    if (!/^\d{1,18}$/.test(id)) throw new NotFoundException('Audit entry not found');
    const entry = await this.db.getRepository(AdminAuditEntry).findOneBy({ id, tenantId: tenantOf(who) });
    if (!entry) throw new NotFoundException('Audit entry not found');
    return mapAuditEntry(entry);
  }
}
