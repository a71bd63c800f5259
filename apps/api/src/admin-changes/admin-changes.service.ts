import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditEntryView } from '@floor-os/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { Principal, tenantOf } from '../auth/principal';
import { applyList, ListQuery, ListSpec, parseListQuery } from '../database/list-query';
import { AdminChangesReadModel } from '../reports/read-model/admin-changes.read-model';
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Fields of an entry's snapshots that name the thing changed, in the order they are tried. */
const NAME_FIELDS = [
  'name',
  'legal_name',
  'label',
  'user_name',
  'title',
  'filename',
  'account_id',
  'vendor',
  'email',
  'user_email',
] as const;
/** Entries about a user (or an operator's course) whose snapshots may not carry the name: looked up by id. */
const USER_ENTITIES = new Set(['user', 'operator_course', 'operator_profile']);

/**
 * The name of the thing an entry changed, from its own snapshots: a user's name, a tenant's legal name, a
 * key's label, an account id, the week of a weekly review. Null when the snapshots name nothing (the entity
 * type alone then says what changed). Never an id.
 */
export function entityLabelOf(entry: Pick<AdminAuditEntry, 'entityType' | 'before' | 'after'>): string | null {
  for (const snapshot of [entry.after, entry.before]) {
    if (!snapshot) continue;
    for (const field of NAME_FIELDS) {
      const value = snapshot[field];
      if (typeof value === 'string' && value.trim() !== '' && !UUID.test(value)) return value.trim();
    }
    if (typeof snapshot.week_start === 'string') return `Week of ${snapshot.week_start}`;
  }
  return null;
}

export function mapAuditEntry(entry: AdminAuditEntry, names: ReadonlyMap<string, string> = new Map()): AuditEntryView {
  return {
    id: String(entry.id),
    tenant_id: entry.tenantId,
    actor_type: entry.actorType,
    actor_id: entry.actorId,
    actor_label: entry.actorLabel,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    entity_label: entityLabelOf(entry) ?? names.get(entry.entityId) ?? null,
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
export class AdminChangesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reads: AdminChangesReadModel,
  ) {}

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
    const names = await this.namesOf(rows);
    return { rows: rows.map((row) => mapAuditEntry(row, names)), total, skip: parsed.skip };
  }

  /** The names of the users and tenants that entries without a name in their snapshots are about, by id. */
  private async namesOf(entries: AdminAuditEntry[]): Promise<Map<string, string>> {
    const unnamed = entries.filter((entry) => entityLabelOf(entry) === null && UUID.test(entry.entityId));
    const userIds = unnamed.filter((entry) => USER_ENTITIES.has(entry.entityType)).map((entry) => entry.entityId);
    const tenantIds = unnamed.filter((entry) => entry.entityType === 'tenant').map((entry) => entry.entityId);
    const rows: { id: string; name: string }[] = [
      ...(userIds.length ? await this.reads.userNames(userIds) : []),
      ...(tenantIds.length ? await this.reads.tenantNames(tenantIds) : []),
    ];
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  async get(who: Principal, id: string): Promise<AuditEntryView> {
    if (!/^\d{1,18}$/.test(id)) throw new NotFoundException('Audit entry not found');
    const entry = await this.db.getRepository(AdminAuditEntry).findOneBy({ id, tenantId: tenantOf(who) });
    if (!entry) throw new NotFoundException('Audit entry not found');
    return mapAuditEntry(entry, await this.namesOf([entry]));
  }
}
