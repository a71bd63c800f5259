import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * The names the admin changes' log shows for the users and tenants its entries are about, when the entry's
 * own snapshots do not carry one. Read-only.
 */
@Injectable()
export class AdminChangesReadModel {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Users by id, each with its name (the email when unnamed). */
  userNames(ids: readonly string[]): Promise<{ id: string; name: string }[]> {
    return this.db.query(
      `SELECT id::text, coalesce(nullif(name, ''), email) AS name FROM app_user WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** Tenants by id, each with its legal name. */
  tenantNames(ids: readonly string[]): Promise<{ id: string; name: string }[]> {
    return this.db.query(`SELECT id::text, legal_name AS name FROM tenant WHERE id = ANY($1::uuid[])`, [ids]);
  }
}
