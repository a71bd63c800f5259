import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { GapReport, GapSignOffView } from '@floor-os/contracts';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AdminChangesService } from '../admin-changes/admin-changes.service';
import { Principal, tenantOf } from '../auth/principal';
import { shownName } from '../common/request-names';
import type { GapSignOffDto } from './dto/gap-sign-off.dto';
import { ListQuery, parseListQuery } from '../database/list-query';
import { GapReportService } from './gap-report.service';
import { parseReportWindow } from './report-window';

/** The longest note a signer may add. */
export const MAX_SIGN_OFF_NOTE_CHARS = 2000;

/** What a gap sign-off freezes in `report_snapshot.numbers`: the report and who signed it, as they were. */
interface FrozenSignOff {
  report: GapReport;
  signed_by: { id: string; name: string };
  timezone: string;
}

interface SnapshotRow {
  id: string;
  period_from: Date;
  period_to: Date;
  numbers: FrozenSignOff;
  sha256: string;
  note: string | null;
  created_at: Date;
}

const LIST = {
  fields: { id: 's.id', signed_at: 's.created_at', from: 's.period_from', to: 's.period_to' },
  defaultSort: ['signed_at', 'DESC'] as [string, 'ASC' | 'DESC'],
  maxPageSize: 100,
};

export function mapSignOff(row: SnapshotRow): GapSignOffView {
  return {
    id: row.id,
    from: new Date(row.period_from).toISOString(),
    to: new Date(row.period_to).toISOString(),
    signed_by: row.numbers.signed_by,
    signed_at: new Date(row.created_at).toISOString(),
    note: row.note,
    sha256: row.sha256.trim(),
    report: row.numbers.report,
  };
}

/**
 * Gap report sign-offs (SPEC P3, decided detail 26): signing freezes a `report_snapshot` of kind
 * `gap_sign_off` — the report's numbers, the PDF rendered with the signature block, the SHA-256 of those
 * bytes, the signer (id and name as they were), the time and the note — in one transaction with its entry in
 * the admin audit log. Nothing changes or deletes a snapshot afterwards: there is no route for it, and the
 * table's trigger refuses UPDATE, DELETE and TRUNCATE. The stored bytes are served as they are; they are never
 * rendered again.
 */
@Injectable()
export class GapSignOffsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly gap: GapReportService,
    private readonly audit: AdminChangesService,
  ) {}

  async sign(who: Principal, body: GapSignOffDto): Promise<GapSignOffView> {
    const note = typeof body.note === 'string' && body.note.trim() !== '' ? body.note.trim() : null;
    const window = parseReportWindow({ from: body.from, to: body.to }, 0);

    const tenantId = tenantOf(who);
    const [signer] = await this.db.query(`SELECT id, name FROM app_user WHERE id = $1`, [who.id]);
    if (!signer) throw new NotFoundException({ message: 'Signer not found', code: 'NOT_FOUND' });
    const tenant = await this.gap.tenant(tenantId);
    const report = await this.gap.report(tenantId, window);
    const signedAt = new Date();
    const pdf = await this.gap.pdf(tenantId, report, {
      signed_by: signer.name,
      signed_at: signedAt.toISOString(),
      note,
    });
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const frozen: FrozenSignOff = {
      report,
      signed_by: { id: signer.id, name: signer.name },
      timezone: tenant.timezone,
    };

    const row = await this.db.transaction(async (manager) => {
      const [inserted]: SnapshotRow[] = await manager.query(
        `INSERT INTO report_snapshot (tenant_id, kind, period_from, period_to, numbers, pdf, sha256, signed_by, note, created_at)
         VALUES ($1, 'gap_sign_off', $2, $3, $4::jsonb, $5, $6, $7, $8, $9)
         RETURNING id, period_from, period_to, numbers, sha256, note, created_at`,
        [tenantId, window.from, window.to, JSON.stringify(frozen), pdf, sha256, signer.id, note, signedAt],
      );
      await this.audit.record(manager, who, {
        action: 'create',
        entityType: 'gap_sign_off',
        entityId: inserted.id,
        after: {
          from: report.from,
          to: report.to,
          decisions: report.decisions,
          would_block: report.would_block,
          sha256,
          note,
        },
      });
      return inserted;
    });
    return mapSignOff(row);
  }

  /** Sign-offs of the caller's tenant, newest first (the list convention). */
  async list(who: Principal, query: ListQuery): Promise<{ rows: GapSignOffView[]; total: number; skip: number }> {
    const parsed = parseListQuery(query, LIST);
    // The fields sort; only `id` (react-admin's getMany) filters.
    const unsupported = Object.keys(parsed.filter).filter((key) => key !== 'id');
    if (unsupported.length > 0) {
      throw new BadRequestException({
        message: 'Invalid list query',
        fields: { filter: unsupported.slice(0, 20).map((key) => `cannot filter by ${shownName(key)}`) },
      });
    }
    const where = [`s.tenant_id = $1`, `s.kind = 'gap_sign_off'`];
    const params: unknown[] = [tenantOf(who)];
    const ids = parsed.filter.id;
    if (ids !== undefined) {
      const list = (Array.isArray(ids) ? ids : [ids]).filter(
        (id): id is string => typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id),
      );
      params.push(list);
      where.push(`s.id = ANY($${params.length}::uuid[])`);
    }
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM report_snapshot s WHERE ${where.join(' AND ')}`,
      params,
    );
    const [field, order] = parsed.sort;
    const rows: SnapshotRow[] = await this.db.query(
      `SELECT s.id, s.period_from, s.period_to, s.numbers, s.sha256, s.note, s.created_at FROM report_snapshot s
        WHERE ${where.join(' AND ')}
        ORDER BY ${LIST.fields[field as keyof typeof LIST.fields]} ${order}, s.id ${order}
        OFFSET ${parsed.skip} LIMIT ${parsed.take}`,
      params,
    );
    return { rows: rows.map(mapSignOff), total, skip: parsed.skip };
  }

  async get(who: Principal, id: string): Promise<GapSignOffView> {
    return mapSignOff(
      await this.find(who, id, 's.id, s.period_from, s.period_to, s.numbers, s.sha256, s.note, s.created_at'),
    );
  }

  /** The stored PDF bytes and their SHA-256, exactly as signed. */
  async pdf(who: Principal, id: string): Promise<{ pdf: Buffer; sha256: string; from: string }> {
    const row = await this.find(who, id, 's.pdf, s.sha256, s.period_from');
    return { pdf: row.pdf, sha256: row.sha256.trim(), from: new Date(row.period_from).toISOString() };
  }

  private async find(who: Principal, id: string, columns: string) {
    const [row] = await this.db.query(
      `SELECT ${columns} FROM report_snapshot s WHERE s.id = $1 AND s.tenant_id = $2 AND s.kind = 'gap_sign_off'`,
      [id, tenantOf(who)],
    );
    if (!row) throw new NotFoundException({ message: 'Sign-off not found', code: 'NOT_FOUND' });
    return row;
  }
}
