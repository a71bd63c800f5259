import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { readCsv, toCsv, toE164, unguardCsvCell } from '@floor-os/formats';
import type { SuppressionImportResult } from '@floor-os/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AdminChangesService } from '../admin-changes/admin-changes.service';
import { Principal, tenantOf } from '../auth/principal';
import { applyList, ListQuery, parseListQuery } from '../database/list-query';
import { SuppressionEntry } from './suppression-entry.entity';
import { shownName } from '../common/request-names';

const ENTRY_FIELDS = new Set(['kind', 'value', 'reason']);
/** One request's entries: a suppression list of a few thousand numbers fits many times over. */
export const MAX_IMPORT_ENTRIES = 50_000;

const LIST = {
  fields: { id: 's.id', kind: 's.kind', value: 's.value', reason: 's.reason', created_at: 's.created_at' },
  search: ['s.value', 's.reason'],
  defaultSort: ['created_at', 'DESC'] as [string, 'ASC' | 'DESC'],
};

export function mapEntry(e: SuppressionEntry) {
  return { id: e.id, kind: e.kind, value: e.value, reason: e.reason, created_at: e.createdAt.toISOString() };
}

/** A phone (E.164) or an email (lower case), or the reason it cannot be one. */
export function normaliseEntry(
  kind: unknown,
  value: unknown,
): { kind: 'phone' | 'email'; value: string } | { error: string } {
  const text = typeof value === 'string' ? value.trim() : '';
  if (kind === 'phone') {
    const phone = toE164(text);
    return phone ? { kind, value: phone } : { error: 'value is not a valid phone number' };
  }
  if (kind === 'email') {
    return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)
      ? { kind, value: text.toLowerCase() }
      : { error: 'value is not an email address' };
  }
  return { error: 'kind must be phone or email' };
}

/** The tenant's suppression list (SPEC decided detail 8): kept by IT and the Compliance personas. */
@Injectable()
export class SuppressionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AdminChangesService,
  ) {}

  async list(who: Principal, query: ListQuery) {
    const parsed = parseListQuery(query, LIST);
    const qb = this.db
      .getRepository(SuppressionEntry)
      .createQueryBuilder('s')
      .where('s.tenant_id = :tenant', { tenant: tenantOf(who) });
    const [rows, total] = await applyList(qb, parsed, LIST).getManyAndCount();
    return { rows: rows.map(mapEntry), total, skip: parsed.skip };
  }

  /**
   * Puts a phone number (E.164) on the tenant's list inside the caller's transaction, unless it is there
   * already; the caller audits the change it belongs to (a consumer's do-not-call request on an account).
   */
  async suppressPhoneWithin(manager: EntityManager, tenantId: string, phone: string, reason: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(SuppressionEntry)
      .values({ tenantId, kind: 'phone', value: phone, reason })
      .orIgnore()
      .execute();
  }

  /** Adds entries (idempotent on kind + value); invalid ones are reported by index, the rest written together. */
  async add(
    who: Principal,
    entries: { kind?: unknown; value?: unknown; reason?: unknown }[],
  ): Promise<SuppressionImportResult> {
    const tenant = tenantOf(who);
    const errors: { index: number; message: string }[] = [];
    const valid: { tenantId: string; kind: 'phone' | 'email'; value: string; reason: string }[] = [];
    entries.forEach((entry, index) => {
      const unknown =
        entry !== null && typeof entry === 'object' ? Object.keys(entry).filter((key) => !ENTRY_FIELDS.has(key)) : [];
      if (unknown.length)
        return void errors.push({
          index,
          message: `unknown field(s): ${unknown.slice(0, 10).map(shownName).join(', ')} (an entry has kind, value and reason)`,
        });
      const normalised = normaliseEntry(entry?.kind, entry?.value);
      if ('error' in normalised) errors.push({ index, message: normalised.error });
      else
        valid.push({
          tenantId: tenant,
          ...normalised,
          reason: typeof entry.reason === 'string' ? entry.reason.slice(0, 200) : '',
        });
    });
    return this.db.transaction(async (manager) => {
      const inserted = valid.length
        ? (
            await manager
              .createQueryBuilder()
              .insert()
              .into(SuppressionEntry)
              .values(valid)
              .orIgnore()
              .returning('id')
              .execute()
          ).raw.length
        : 0;
      await this.audit.record(manager, who, {
        action: 'create',
        entityType: 'suppression_list',
        entityId: `${valid.length} entries`,
        after: { received: entries.length, added: inserted, rejected: errors.length },
      });
      return {
        received: entries.length,
        added: inserted,
        duplicates: valid.length - inserted,
        rejected: errors.length,
        errors,
      };
    });
  }

  async remove(who: Principal, id: string) {
    return this.db.transaction(async (manager) => {
      const entry = await manager.getRepository(SuppressionEntry).findOneBy({ id, tenantId: tenantOf(who) });
      if (!entry) throw new NotFoundException('Suppression entry not found');
      await manager.getRepository(SuppressionEntry).delete({ id });
      await this.audit.record(manager, who, {
        action: 'delete',
        entityType: 'suppression_entry',
        entityId: id,
        before: mapEntry(entry),
      });
      return mapEntry(entry);
    });
  }

  async exportCsv(who: Principal): Promise<string> {
    const rows = await this.db
      .getRepository(SuppressionEntry)
      .find({ where: { tenantId: tenantOf(who) }, order: { kind: 'ASC', value: 'ASC' } });
    // Decided detail 31: the shared writer neutralises formulas (a reason or an email can start with `=`).
    return toCsv(
      ['kind', 'value', 'reason'],
      rows.map((r) => [r.kind, r.value, r.reason]),
    );
  }

  /**
   * CSV with a header `kind,value[,reason]` (any order, RFC 4180 quoting). One leading `'` of a cell is
   * stripped (decided detail 31), so an exported file imports back as it was.
   */
  parseCsv(text: string): { kind?: unknown; value?: unknown; reason?: unknown }[] {
    const refuse = (message: string) =>
      new BadRequestException({ message: 'Validation failed', code: 'VALIDATION_FAILED', fields: { file: [message] } });
    let records: string[][];
    try {
      records = readCsv(text).map((cells) => cells.map((cell) => unguardCsvCell(cell.trim())));
    } catch (error) {
      // The parser's message can quote the file; answer where, not what.
      const line = (error as { lines?: unknown }).lines;
      throw refuse(
        `not a readable CSV file (a quote is not closed or out of place${typeof line === 'number' ? ` near line ${line}` : ''})`,
      );
    }
    const header = (records.shift() ?? []).map((h) => h.toLowerCase());
    const [kind, value, reason] = ['kind', 'value', 'reason'].map((name) => header.indexOf(name));
    if (kind < 0 || value < 0) throw refuse('the first line must name the columns kind,value[,reason]');
    return records.map((cells) => ({
      kind: cells[kind],
      value: cells[value],
      reason: reason < 0 ? undefined : cells[reason],
    }));
  }
}
