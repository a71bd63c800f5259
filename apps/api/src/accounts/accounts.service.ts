import { HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AccountBulkResult, AccountDetailView, AccountView } from '@floor-os/contracts';
import { AdminChangesService } from '../admin-changes/admin-changes.service';
import { Principal, tenantOf } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { applyList, ListQuery, ListSpec, parseListQuery } from '../database/list-query';
import { AccountHistoryReadModel } from '../reports/read-model/account-history.read-model';
import { Account } from './account.entity';
import { ConsumerRequestDto } from './dto/consumer-request.dto';
import { SuppressionService } from '../suppression/suppression.service';
import {
  accountIdOf,
  COMPLIANCE_FLAGS,
  judgeAccountRow,
  needsExistence,
  toE164,
  validateAccountRow,
  type AccountColumns,
} from '@floor-os/formats';

export const MAX_BULK_ROWS = 5_000;

const ACCOUNT_LIST: ListSpec = {
  fields: {
    id: 'a.id',
    account_id: 'a.account_id',
    phone_number: 'a.phone_number',
    phone_type: 'a.phone_type',
    state: 'a.state',
    zip: 'a.zip',
    balance: 'a.balance',
    is_test: 'a.is_test',
    bankruptcy_flag: 'a.bankruptcy_flag',
    dispute_open: 'a.dispute_open',
    attorney_represented: 'a.attorney_represented',
    last_contact_at: 'a.last_contact_at',
    created_at: 'a.created_at',
    updated_at: 'a.updated_at',
  },
  search: ['a.account_id', 'a.phone_number', 'a.email'],
  defaultSort: ['account_id', 'ASC'],
};

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function mapAccount(a: Account): AccountView {
  return {
    id: a.id,
    account_id: a.accountId,
    phone_number: a.phoneNumber,
    phone_type: a.phoneType,
    state: a.state,
    zip: a.zip,
    timezone: a.timezone,
    email: a.email,
    email_is_work: a.emailIsWork,
    balance: a.balance === null ? null : Number(a.balance),
    last_contact_at: iso(a.lastContactAt),
    bankruptcy_flag: a.bankruptcyFlag,
    bankruptcy_status: a.bankruptcyStatus,
    cease_requested_at: iso(a.ceaseRequestedAt),
    attorney_represented: a.attorneyRepresented,
    dispute_open: a.disputeOpen,
    deceased: a.deceased,
    scra_active_duty: a.scraActiveDuty,
    autodial_consent: a.autodialConsent,
    autodial_consent_revoked_at: iso(a.autodialConsentRevokedAt),
    sms_opt_out_at: iso(a.smsOptOutAt),
    email_opt_out_at: iso(a.emailOptOutAt),
    employer_prohibits_calls: a.employerProhibitsCalls,
    medium_bans: a.mediumBans,
    time_barred: a.timeBarred,
    time_barred_disclosure_given: a.timeBarredDisclosureGiven,
    call_window: a.callWindow,
    attorney_contact: a.attorneyContact,
    is_test: a.isTest,
    fact_sources: a.factSources,
    created_at: a.createdAt.toISOString(),
    updated_at: a.updatedAt.toISOString(),
  };
}
export type { AccountView };

/** `POST /accounts/bulk`'s answer (the wire type). */
export type BulkResult = AccountBulkResult;

@Injectable()
export class AccountsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AdminChangesService,
    private readonly history: AccountHistoryReadModel,
    private readonly suppression: SuppressionService,
  ) {}

  async list(who: Principal, query: ListQuery): Promise<{ rows: AccountView[]; total: number; skip: number }> {
    const parsed = parseListQuery(query, ACCOUNT_LIST);
    const qb = this.db
      .getRepository(Account)
      .createQueryBuilder('a')
      .where('a.tenant_id = :tenant', { tenant: tenantOf(who) });
    const [rows, total] = await applyList(qb, parsed, ACCOUNT_LIST).getManyAndCount();
    return { rows: rows.map(mapAccount), total, skip: parsed.skip };
  }

  /** AccountDetail: the facts, the latest decisions and the contact history. `ref` is the id or the account_id. */
  async detail(who: Principal, ref: string): Promise<AccountDetailView> {
    const tenant = tenantOf(who);
    const account = await this.db
      .getRepository(Account)
      .createQueryBuilder('a')
      .where('a.tenant_id = :tenant AND (a.account_id = :ref OR a.id::text = :ref)', { tenant, ref })
      .getOne();
    if (!account) throw new NotFoundException('Account not found');
    const decisions = await this.history.recentDecisions(tenant, account.accountId);
    const history = await this.history.contactHistory(tenant, account.accountId);
    return { ...mapAccount(account), recent_decisions: decisions, contact_history: history };
  }

  /** The account's phone number, or undefined when the tenant has no such account (`accountId` is its own reference). */
  async phoneOf(tenantId: string, accountId: string): Promise<{ phone_number: string | null } | undefined> {
    const [account] = await this.db.query('SELECT phone_number FROM account WHERE tenant_id = $1 AND account_id = $2', [
      tenantId,
      accountId,
    ]);
    return account;
  }

  // The work queues' assignment (decided detail 15): both run inside the caller's transaction, which audits.

  /**
   * Locks the accounts (by `account_id`) that are unassigned or assigned to one of `agentIds` (a manager's team)
   * and answers their references; the others are left alone.
   */
  async lockForAssignment(
    manager: EntityManager,
    tenantId: string,
    accountIds: readonly string[],
    agentIds: readonly string[],
  ): Promise<string[]> {
    const rows: { account_id: string }[] = await manager.query(
      `SELECT account_id FROM account a WHERE a.tenant_id = $1 AND a.account_id = ANY($2)
            AND (a.assigned_agent_id IS NULL OR a.assigned_agent_id = ANY($3::uuid[]))
          FOR UPDATE`,
      [tenantId, accountIds, agentIds],
    );
    return rows.map((row) => row.account_id);
  }

  /** Assigns the accounts to the agent (null: back to the unassigned pool), with a new priority if given. */
  async assignToAgent(
    manager: EntityManager,
    tenantId: string,
    accountIds: readonly string[],
    agentId: string | null,
    priority: number | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE account SET assigned_agent_id = $3, assigned_at = CASE WHEN $3::uuid IS NULL THEN NULL ELSE now() END,
                queue_priority = coalesce($4, queue_priority), updated_at = now()
          WHERE tenant_id = $1 AND account_id = ANY($2)`,
      [tenantId, accountIds, agentId, priority],
    );
  }

  /**
   * Records what the consumer said (decided detail 8), effective for the very next gate check and audited.
   * cease → `cease_requested_at`; revoke_consent → `autodial_consent_revoked_at`; attorney →
   * `attorney_represented` (+ contact); inconvenient_times → the account's convenient window; and
   * do_not_call_number → the number joins the tenant's suppression list.
   */
  async recordConsumerRequest(who: Principal, ref: string, dto: ConsumerRequestDto) {
    const tenant = tenantOf(who);
    return this.db.transaction(async (manager) => {
      const account = await manager
        .getRepository(Account)
        .createQueryBuilder('a')
        .setLock('pessimistic_write')
        .where('a.tenant_id = :tenant AND (a.account_id = :ref OR a.id::text = :ref)', { tenant, ref })
        .getOne();
      if (!account) throw new NotFoundException('Account not found');
      const before = mapAccount(account);
      const now = new Date();
      const source = (field: string) => (account.factSources = { ...account.factSources, [field]: 'agent' });
      let suppressed: string | null = null;
      switch (dto.kind) {
        case 'cease':
          account.ceaseRequestedAt = now;
          source('cease_requested_at');
          break;
        case 'revoke_consent':
          account.autodialConsentRevokedAt = now;
          source('autodial_consent_revoked_at');
          break;
        case 'attorney':
          account.attorneyRepresented = true;
          account.attorneyContact = dto.attorney_contact?.trim() || account.attorneyContact;
          source('attorney_represented');
          break;
        case 'inconvenient_times': {
          const start = dto.start_hour;
          const end = dto.end_hour;
          const halfHour = (n: number) => Number.isInteger(n * 2);
          if (start === undefined || end === undefined || start >= end || !halfHour(start) || !halfHour(end)) {
            throw new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'Validation failed', {
              start_hour: [
                'start_hour and end_hour (whole or half hours, start before end, inside 08:00–21:00) are required',
              ],
            });
          }
          account.callWindow = { start_hour: start, end_hour: end };
          source('call_window');
          break;
        }
        case 'do_not_call_number': {
          const phone = toE164(dto.phone_number ?? account.phoneNumber ?? '');
          if (!phone) {
            throw new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'Validation failed', {
              phone_number: ['phone_number is not a valid phone number'],
            });
          }
          suppressed = phone;
          await this.suppression.suppressPhoneWithin(
            manager,
            tenant,
            suppressed,
            `consumer asked not to be called on this number (account ${account.accountId})`,
          );
          break;
        }
      }
      const saved = await manager.getRepository(Account).save(account);
      await this.audit.record(manager, who, {
        action: 'update',
        entityType: 'account',
        entityId: account.accountId,
        before: pick(before, dto.kind),
        after: {
          ...pick(mapAccount(saved), dto.kind),
          consumer_request: dto.kind,
          note: dto.note ?? null,
          ...(suppressed ? { suppressed_phone: suppressed } : {}),
        },
      });
      return mapAccount(saved);
    });
  }

  /**
   * Upserts on (tenant, account_id): each valid row whole, in one transaction; invalid rows are reported
   * and written nowhere. A row that would create an account must carry account_id, phone_number and state
   * (one lookup of which accounts exist, for the rows that leave one out); on an existing account fields a
   * row leaves out keep their values. A compliance flag may be cleared only when its value came from a
   * machine upload itself (decided detail 7); one audit entry for the batch.
   */
  async bulk(who: Principal, rows: unknown): Promise<BulkResult> {
    if (!Array.isArray(rows)) {
      throw new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'The body must be a JSON array of accounts', {
        body: ['must be an array'],
      });
    }
    if (rows.length > MAX_BULK_ROWS) {
      throw new ApiError(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'TOO_MANY_ROWS',
        `At most ${MAX_BULK_ROWS} accounts per request; use an import for more`,
      );
    }
    const tenant = tenantOf(who);
    const result: BulkResult = {
      received: rows.length,
      inserted: 0,
      updated: 0,
      rejected: 0,
      errors: [],
      warnings: [],
    };
    const valid: { index: number; values: AccountColumns }[] = [];
    const seen = new Map<string, number>();
    const checks = rows.map((row) => validateAccountRow(row));
    const ids = [...new Set(checks.filter(needsExistence).map((c) => accountIdOf(c)!))];
    const found: { account_id: string }[] = ids.length
      ? await this.db.query('SELECT account_id FROM account WHERE tenant_id = $1 AND account_id = ANY($2::text[])', [
          tenant,
          ids,
        ])
      : [];
    const existing = new Set(found.map((a) => a.account_id));
    checks.forEach((check, index) => {
      // A second row for an account is refused as such, before asking what it lacks.
      const id = check.ok ? String(check.values.account_id) : null;
      if (id !== null && seen.has(id)) {
        result.errors.push({ index, account_id: id, fields: { account_id: [`duplicate of row ${seen.get(id)}`] } });
        return;
      }
      const checked = needsExistence(check) ? judgeAccountRow(check, existing.has(accountIdOf(check)!)) : check;
      if (!checked.ok) {
        result.errors.push({ index, account_id: checked.account_id, fields: checked.fields });
        return;
      }
      const accountId = String(checked.values.account_id);
      seen.set(accountId, index);
      valid.push({ index, values: checked.values });
      for (const w of checked.warnings) result.warnings.push({ index, account_id: accountId, ...w });
    });
    result.rejected = result.errors.length;

    await this.db.transaction(async (manager) => {
      for (const { values } of valid) {
        const columns = Object.keys(values);
        const sources: Record<string, string> = {};
        for (const flag of COMPLIANCE_FLAGS) if (flag in values && values[flag] !== false) sources[flag] = 'api';
        const params: unknown[] = [tenant, ...columns.map((c) => values[c]), JSON.stringify(sources)];
        const sets = columns
          .filter((c) => c !== 'account_id')
          .map((c) =>
            COMPLIANCE_FLAGS.includes(c) && values[c] === false
              ? `${c} = CASE WHEN coalesce(account.fact_sources->>'${c}', 'api') IN ('api', 'import') THEN EXCLUDED.${c} ELSE account.${c} END`
              : `${c} = EXCLUDED.${c}`,
          );
        sets.push(`fact_sources = account.fact_sources || EXCLUDED.fact_sources`, 'updated_at = now()');
        const [row]: { inserted: boolean }[] = await manager.query(
          `INSERT INTO account (tenant_id, ${columns.join(', ')}, fact_sources)
           VALUES ($1, ${columns.map((_, i) => `$${i + 2}`).join(', ')}, $${columns.length + 2}::jsonb)
           ON CONFLICT (tenant_id, account_id) DO UPDATE SET ${sets.join(', ')}
           RETURNING (xmax = 0) AS inserted`,
          params,
        );
        if (row.inserted) result.inserted++;
        else result.updated++;
      }
      await this.audit.record(manager, who, {
        action: 'update',
        entityType: 'account_bulk',
        entityId: `${result.received} rows`,
        after: {
          received: result.received,
          inserted: result.inserted,
          updated: result.updated,
          rejected: result.rejected,
        },
      });
    });
    return result;
  }

  // What the offboarding of an agent asks of the accounts assigned to them (decided detail 28); each runs
  // inside the caller's transaction and is audited by the caller, under the offboarding case.

  /** The accounts assigned to the agent, highest queue priority first (at most `limit`), and how many there are. */
  async assignedTo(
    manager: EntityManager,
    tenantId: string,
    agentId: string,
    limit: number,
  ): Promise<{
    accounts: { id: string; account_id: string; queue_priority: number; assigned_at: Date | null }[];
    total: number;
  }> {
    const rows = await manager.query(
      `SELECT id, account_id, queue_priority, assigned_at, count(*) OVER ()::int AS total FROM account
        WHERE tenant_id = $1 AND assigned_agent_id = $2 ORDER BY queue_priority DESC, account_id LIMIT $3`,
      [tenantId, agentId, limit],
    );
    return { accounts: rows, total: rows[0]?.total ?? 0 };
  }

  /** How many accounts are assigned to the agent. */
  async countAssignedTo(manager: EntityManager, tenantId: string, agentId: string): Promise<number> {
    const [{ accounts }] = await manager.query(
      `SELECT count(*)::int AS accounts FROM account WHERE tenant_id = $1 AND assigned_agent_id = $2`,
      [tenantId, agentId],
    );
    return accounts;
  }

  /**
   * Moves every account assigned to one agent to another, or (null) back to the unassigned pool. Returns the
   * moved accounts' own references (`account_id`).
   */
  async reassignAll(
    manager: EntityManager,
    tenantId: string,
    fromAgentId: string,
    toAgentId: string | null,
  ): Promise<string[]> {
    const moved: { account_id: string }[] = await manager
      .query(
        `UPDATE account SET assigned_agent_id = $3, assigned_at = CASE WHEN $3::uuid IS NULL THEN NULL ELSE now() END, updated_at = now()
          WHERE tenant_id = $1 AND assigned_agent_id = $2 RETURNING account_id`,
        [tenantId, fromAgentId, toAgentId],
      )
      .then((result: unknown) =>
        Array.isArray(result) && Array.isArray(result[0]) ? result[0] : (result as { account_id: string }[]),
      );
    return moved.map((row) => row.account_id);
  }
}

/** The facts a consumer request touches, for the audit entry. */
function pick(view: AccountView, kind: string): Record<string, unknown> {
  const fields: Record<string, (keyof AccountView)[]> = {
    cease: ['cease_requested_at'],
    revoke_consent: ['autodial_consent_revoked_at'],
    attorney: ['attorney_represented', 'attorney_contact'],
    inconvenient_times: ['call_window'],
    do_not_call_number: ['phone_number'],
  };
  return Object.fromEntries((fields[kind] ?? []).map((f) => [f, view[f]]));
}
