import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contact history imports (SPEC I7, decided detail 29): an imported contact keeps its identity (`import_key`:
 * `event:<event_id>`, or account + channel + time + disposition), unique per tenant so a re-import changes
 * nothing, and the import that brought it.
 */
export class ContactHistory1795440000000 implements MigrationInterface {
  name = 'ContactHistory1795440000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "contact_attempt" ADD "import_key" character varying(400)`);
    await queryRunner.query(`ALTER TABLE "contact_attempt" ADD "import_id" uuid`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "contact_attempt_import_key" ON "contact_attempt"  ("tenant_id", "import_key") WHERE "import_key" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."contact_attempt_import_key"`);
    await queryRunner.query(`ALTER TABLE "contact_attempt" DROP COLUMN "import_id"`);
    await queryRunner.query(`ALTER TABLE "contact_attempt" DROP COLUMN "import_key"`);
  }
}
