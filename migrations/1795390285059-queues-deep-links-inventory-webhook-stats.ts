import { MigrationInterface, QueryRunner } from 'typeorm';

export class QueuesDeepLinksInventoryWebhookStats1795390285059 implements MigrationInterface {
  name = 'QueuesDeepLinksInventoryWebhookStats1795390285059';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "webhook_stat" ("tenant_id" uuid NOT NULL, "vendor" character varying(16) NOT NULL, "hour" TIMESTAMP WITH TIME ZONE NOT NULL, "kind" character varying(12) NOT NULL, "reason" character varying(24) NOT NULL, "count" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_c6f0439ce1f3e2135e3d737031d" PRIMARY KEY ("tenant_id", "vendor", "hour", "kind", "reason"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "integration_inventory" ("tenant_id" uuid NOT NULL, "dialer" character varying(16), "crm" character varying(120), "payment_processor" character varying(120), "notes" text, "signed_off_by" uuid, "signed_off_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0d0133e4b50add949da5aafb32f" PRIMARY KEY ("tenant_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "account" ADD "assigned_agent_id" uuid`);
    await queryRunner.query(`ALTER TABLE "account" ADD "assigned_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "account" ADD "queue_priority" smallint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "vendor_card" ADD "deep_link" jsonb`);
    await queryRunner.query(`ALTER TABLE "webhook_delivery" ADD "outcome" jsonb`);
    await queryRunner.query(
      `CREATE INDEX "IDX_9b2d828fd957842b7700626b52" ON "account"  ("tenant_id", "assigned_agent_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_8a013028c2f002188a5a115ace" ON "webhook_delivery"  ("tenant_id", "audit_id") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_8a013028c2f002188a5a115ace"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9b2d828fd957842b7700626b52"`);
    await queryRunner.query(`ALTER TABLE "webhook_delivery" DROP COLUMN "outcome"`);
    await queryRunner.query(`ALTER TABLE "vendor_card" DROP COLUMN "deep_link"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "queue_priority"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "assigned_at"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "assigned_agent_id"`);
    await queryRunner.query(`DROP TABLE "integration_inventory"`);
    await queryRunner.query(`DROP TABLE "webhook_stat"`);
  }
}
