import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * HR offboarding (SPEC R5, decided detail 28): the `offboarding_case` table, and an owner for every API key
 * (its creator at first; an offboarding hand-over changes it).
 */
export class OffboardingCases1795420000000 implements MigrationInterface {
  name = 'OffboardingCases1795420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "offboarding_case" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "user_id" uuid NOT NULL, "reason" text NOT NULL, "last_day" date, "status" character varying(16) NOT NULL DEFAULT 'open', "previous_status" character varying(16) NOT NULL, "opened_by_id" uuid, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_by_id" uuid, "closed_at" TIMESTAMP WITH TIME ZONE, "note" text, CONSTRAINT "PK_4139a29ae7d13386ada230dcac0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_8491f6f121260040cb2a9322a8" ON "offboarding_case"  ("user_id", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_5403a6eec4d165b868396695f3" ON "offboarding_case"  ("tenant_id", "status", "opened_at") `,
    );
    await queryRunner.query(`ALTER TABLE "api_key" ADD "owner_id" uuid`);
    await queryRunner.query(`UPDATE "api_key" SET "owner_id" = "created_by_id"`);
    await queryRunner.query(
      `ALTER TABLE "api_key" ADD CONSTRAINT "FK_b11eedeb1df210081677dbf8687" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "offboarding_case" ADD CONSTRAINT "FK_834f8e3902803c49e9a1edd1619" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "offboarding_case" ADD CONSTRAINT "FK_8acee408d8cf51fdb65601e8b8d" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "offboarding_case" DROP CONSTRAINT "FK_8acee408d8cf51fdb65601e8b8d"`);
    await queryRunner.query(`ALTER TABLE "offboarding_case" DROP CONSTRAINT "FK_834f8e3902803c49e9a1edd1619"`);
    await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "FK_b11eedeb1df210081677dbf8687"`);
    await queryRunner.query(`ALTER TABLE "api_key" DROP COLUMN "owner_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5403a6eec4d165b868396695f3"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8491f6f121260040cb2a9322a8"`);
    await queryRunner.query(`DROP TABLE "offboarding_case"`);
  }
}
