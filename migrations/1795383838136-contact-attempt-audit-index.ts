import { MigrationInterface, QueryRunner } from 'typeorm';

export class ContactAttemptAuditIndex1795383838136 implements MigrationInterface {
  name = 'ContactAttemptAuditIndex1795383838136';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "contact_attempt_audit" ON "contact_attempt"  ("audit_id") WHERE "audit_id" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."contact_attempt_audit"`);
  }
}
