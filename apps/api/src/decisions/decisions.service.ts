import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hasPermission } from '@floor-os/personas';
import { RuleDefinition, RULES } from '@floor-os/rules';
import { decodeTime } from 'ulid';
import { DataSource, EntityManager } from 'typeorm';
import { AdminChangesService } from '../admin-changes/admin-changes.service';
import { Principal, tenantOf } from '../auth/principal';
import { ListQuery, parseListQuery } from '../database/list-query';
import { DecisionsReadModel } from '../reports/read-model/decisions.read-model';
import { AuditDrilldown, DecisionAnnotation } from './decision-annotation.entity';
import { CreateAnnotationDto, ResolveDisputeDto } from './dto/annotation.dto';

const DECISION_FILTERS = {
  id: 'audit_id',
  created_at: 'created_at',
  created_at_gte: '',
  created_at_lte: '',
  channel: 'channel',
  outcome: '',
  rule_id: '',
  agent_id: 'agent_id',
  account_id: 'account_id',
  mode: 'mode',
  source: 'source',
  initiated_by: 'initiated_by',
};

const DISPUTE_LIST = {
  fields: {
    id: 'd.id',
    created_at: 'd.created_at',
    status: 'd.status',
    category: 'd.category',
    routed_to: 'd.routed_to',
    audit_id: 'd.audit_id',
  },
  search: ['d.note', 'd.audit_id'],
  defaultSort: ['created_at', 'DESC'] as [string, 'ASC' | 'DESC'],
};

const STATUTE_TEXT = new Map<string, RuleDefinition>(RULES.map((rule) => [rule.id, rule]));

/** Who started the contact, in words (SPEC G10, decided detail 30). */
export function initiatedByText(initiatedBy: unknown, channel: unknown): string {
  if (initiatedBy !== 'consumer') return 'Started by the collector';
  return channel === 'payment'
    ? 'Started by the consumer (a payment the consumer started)'
    : 'Started by the consumer (inbound call)';
}

export function mapAnnotation(a: DecisionAnnotation) {
  return {
    id: a.id,
    audit_id: a.auditId,
    category: a.category,
    note: a.note,
    routed_to: a.routedTo,
    status: a.status,
    resolution: a.resolution,
    created_by_email: a.createdByEmail,
    created_at: a.createdAt.toISOString(),
    updated_at: a.updatedAt.toISOString(),
    resolved_at: a.resolvedAt?.toISOString() ?? null,
  };
}

/** What a dispute's list and page say about the decision it is about. */
export interface DisputedDecision {
  account_id: string;
  channel: string;
  created_at: string;
}

/** The audit trail (SPEC A1–A4): decisions are read here and never changed; annotations are rows of their own. */
@Injectable()
export class DecisionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AdminChangesService,
    private readonly reads: DecisionsReadModel,
  ) {}

  /** Decisions newest first, filtered; a Manager without the full trail sees the own team's agents only. */
  async list(
    who: Principal,
    query: ListQuery,
  ): Promise<{ rows: Record<string, unknown>[]; total: number; skip: number }> {
    const parsed = parseListQuery(query, {
      fields: DECISION_FILTERS,
      defaultSort: ['created_at', 'DESC'],
      maxPageSize: 500,
    });
    const [field, order] = parsed.sort;
    const sortColumn =
      field === 'id' ? 'audit_id' : DECISION_FILTERS[field as keyof typeof DECISION_FILTERS] || 'created_at';
    const { rows, total } = await this.reads.list(tenantOf(who), parsed.filter, {
      sortColumn,
      order,
      skip: parsed.skip,
      take: parsed.take,
      // team_audit.read: a Manager without the full trail sees the own team's agents only.
      teamOf: who.kind === 'user' && !hasPermission(who.roles, 'audit_trail.read') ? who.id : null,
    });
    return { rows, total, skip: parsed.skip };
  }

  /** One decision with its facts, findings (with statute and rule text), outcomes and annotations; counted as a drilldown. */
  async drilldown(who: Principal, auditId: string) {
    const tenant = tenantOf(who);
    const row = await this.findDecision(tenant, auditId);
    if (who.kind === 'user' && !hasPermission(who.roles, 'audit_trail.read')) {
      // team_audit.read: only decisions of the caller's own team's agents.
      if (!(await this.reads.isTeamMember(tenant, who.id, row.agent_id ?? '')))
        throw new NotFoundException('Decision not found');
    }
    if (who.kind === 'user')
      await this.db.getRepository(AuditDrilldown).insert({ tenantId: tenant, userId: who.id, auditId });
    const findings = (row.findings as { rule_id: string }[]).map((finding) => {
      const rule = STATUTE_TEXT.get(finding.rule_id);
      return {
        ...finding,
        rule: rule
          ? {
              id: rule.id,
              statute: rule.statute,
              channels: rule.channels,
              mandatory: rule.mandatory,
              description: rule.description,
            }
          : null,
      };
    });
    const outcomes = await this.reads.outcomes(tenant, auditId);
    // The vendor deliveries that reported on this decision (SPEC W4), as IT sees them (never the raw body).
    const deliveries = await this.reads.deliveries(tenant, auditId);
    const annotations = await this.db
      .getRepository(DecisionAnnotation)
      .find({ where: { tenantId: tenant, auditId }, order: { createdAt: 'ASC' } });
    return {
      ...row,
      id: row.audit_id,
      initiated_by_text: initiatedByText(row.initiated_by, row.channel),
      findings,
      outcomes,
      deliveries,
      annotations: annotations.map(mapAnnotation),
    };
  }

  async annotate(who: Principal, auditId: string, dto: CreateAnnotationDto) {
    const tenant = tenantOf(who);
    await this.findDecision(tenant, auditId);
    return this.db.transaction(async (manager) => {
      const saved = await manager.getRepository(DecisionAnnotation).save(
        manager.getRepository(DecisionAnnotation).create({
          tenantId: tenant,
          auditId,
          category: dto.category,
          note: dto.note.trim(),
          routedTo: dto.route_to_it ? 'it' : null,
          status: 'open',
          resolution: null,
          createdById: who.kind === 'user' ? who.id : null,
          createdByEmail: who.label,
          resolvedById: null,
          resolvedAt: null,
        }),
      );
      await this.audit.record(manager, who, {
        action: 'create',
        entityType: 'decision_annotation',
        entityId: saved.id,
        after: mapAnnotation(saved),
      });
      return mapAnnotation(saved);
    });
  }

  async listDisputes(who: Principal, query: ListQuery) {
    const parsed = parseListQuery(query, DISPUTE_LIST);
    const qb = this.db
      .getRepository(DecisionAnnotation)
      .createQueryBuilder('d')
      .where('d.tenant_id = :tenant', { tenant: tenantOf(who) });
    for (const key of ['status', 'category', 'routed_to', 'audit_id'] as const) {
      if (parsed.filter[key]) qb.andWhere(`d.${key} = :${key}`, { [key]: String(parsed.filter[key]) });
    }
    if (parsed.filter.q) qb.andWhere('(d.note ILIKE :q OR d.audit_id ILIKE :q)', { q: `%${String(parsed.filter.q)}%` });
    qb.orderBy(DISPUTE_LIST.fields[parsed.sort[0] as keyof typeof DISPUTE_LIST.fields], parsed.sort[1])
      .addOrderBy('d.id')
      .offset(parsed.skip)
      .limit(parsed.take);
    const [rows, total] = await qb.getManyAndCount();
    return { rows: await this.withDecisions(tenantOf(who), rows.map(mapAnnotation)), total, skip: parsed.skip };
  }

  async getDispute(who: Principal, id: string) {
    const found = await this.db.getRepository(DecisionAnnotation).findOneBy({ id, tenantId: tenantOf(who) });
    if (!found) throw new NotFoundException('Dispute not found');
    const [dispute] = await this.withDecisions(tenantOf(who), [mapAnnotation(found)]);
    return dispute!;
  }

  /**
   * The decision each dispute is about, by account, channel and time (people name a decision so; the audit id
   * stays for those who quote it). One query for the page, each decision looked up around its audit id's time.
   */
  private async withDecisions<T extends { audit_id: string }>(
    tenant: string,
    rows: T[],
  ): Promise<(T & { decision: DisputedDecision | null })[]> {
    const wanted = rows.flatMap((row) => {
      try {
        return row.audit_id.startsWith('ccs_')
          ? [{ auditId: row.audit_id, at: decodeTime(row.audit_id.slice(4)) }]
          : [];
      } catch {
        return [];
      }
    });
    const found = new Map<string, DisputedDecision>();
    if (wanted.length > 0) {
      const decisions = await this.reads.decisionsAt(tenant, wanted);
      for (const { audit_id, account_id, channel, created_at } of decisions)
        found.set(audit_id, { account_id, channel, created_at: new Date(created_at).toISOString() });
    }
    return rows.map((row) => ({ ...row, decision: found.get(row.audit_id) ?? null }));
  }

  async resolveDispute(who: Principal, id: string, dto: ResolveDisputeDto) {
    const resolved = await this.db.transaction(async (manager) => {
      const found = await manager
        .getRepository(DecisionAnnotation)
        .findOne({ where: { id, tenantId: tenantOf(who) }, lock: { mode: 'pessimistic_write' } });
      if (!found) throw new NotFoundException('Dispute not found');
      const before = mapAnnotation(found);
      found.status = dto.status;
      if (dto.resolution !== undefined) found.resolution = dto.resolution;
      found.resolvedAt = dto.status === 'resolved' ? new Date() : null;
      found.resolvedById = dto.status === 'resolved' && who.kind === 'user' ? who.id : null;
      const saved = await manager.getRepository(DecisionAnnotation).save(found);
      await this.audit.record(manager, who, {
        action: 'update',
        entityType: 'decision_annotation',
        entityId: id,
        before,
        after: mapAnnotation(saved),
      });
      return mapAnnotation(saved);
    });
    const [dispute] = await this.withDecisions(tenantOf(who), [resolved]);
    return dispute!;
  }

  /**
   * The open disputes a user raised in a tenant, oldest first (an offboarding case lists them so they are
   * handed over before the account is closed). Runs in the caller's transaction when one is given.
   */
  async openDisputesBy(
    tenantId: string,
    userId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<{ id: string; audit_id: string; category: string; note: string; created_at: Date }[]> {
    return manager.query(
      `SELECT id, audit_id, category, note, created_at FROM decision_annotation
        WHERE tenant_id = $1 AND created_by_id = $2 AND status = 'open' ORDER BY created_at`,
      [tenantId, userId],
    );
  }

  /** SPEC A3: drilldowns per ISO week, newest first. */
  async drilldownsPerWeek(who: Principal, weeks = 8): Promise<{ week: string; drilldowns: number; users: number }[]> {
    return this.db.query(
      `SELECT to_char(date_trunc('week', at), 'IYYY-"W"IW') AS week, count(*)::int AS drilldowns, count(DISTINCT user_id)::int AS users
         FROM audit_drilldown WHERE tenant_id = $1 AND at > date_trunc('week', now()) - make_interval(weeks => $2)
        GROUP BY 1 ORDER BY 1 DESC`,
      [tenantOf(who), weeks - 1],
    );
  }

  /** The audit id's ULID carries its time, so the lookup touches one partition. */
  private async findDecision(
    tenant: string,
    auditId: string,
  ): Promise<Record<string, unknown> & { audit_id: string; findings: unknown }> {
    let time: number;
    try {
      if (!auditId.startsWith('ccs_')) throw new Error('prefix');
      time = decodeTime(auditId.slice(4));
    } catch {
      throw new NotFoundException('Decision not found');
    }
    const decision = await this.reads.decision(
      tenant,
      auditId,
      new Date(time - 1_000).toISOString(),
      new Date(time + 1_000).toISOString(),
    );
    if (!decision) throw new NotFoundException('Decision not found');
    return decision;
  }
}
