import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-tenant single sign-on (SPEC R7, decided detail 33): `sso_config` (one OpenID provider per tenant, the
 * client secret sealed) and `sso_email_domain` (an email domain routes to one tenant at most). Pilot
 * checklists' step 1.6 now shows an SSO sign-in as its evidence.
 */
export class SingleSignOn1795430000000 implements MigrationInterface {
  name = 'SingleSignOn1795430000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sso_config" ("tenant_id" uuid NOT NULL, "issuer" character varying(500) NOT NULL, "client_id" character varying(255) NOT NULL, "sealed_client_secret" text NOT NULL, "email_domains" text array NOT NULL, "required" boolean NOT NULL DEFAULT false, "break_glass_user_id" uuid, "last_sign_in_at" TIMESTAMP WITH TIME ZONE, "last_sign_in_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_628881e4cfc75e4b21c7e082adc" PRIMARY KEY ("tenant_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "sso_email_domain" ("domain" character varying(253) NOT NULL, "tenant_id" uuid NOT NULL, CONSTRAINT "PK_17ecdb7fd337bfe77659da138ff" PRIMARY KEY ("domain"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_6508f5a5e3b551e58e4750d65d" ON "sso_email_domain"  ("tenant_id") `);
    await queryRunner.query(
      `ALTER TABLE "sso_config" ADD CONSTRAINT "FK_628881e4cfc75e4b21c7e082adc" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sso_config" ADD CONSTRAINT "FK_0ddf7b2fe7898cf4ccd152cb1de" FOREIGN KEY ("break_glass_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sso_config" ADD CONSTRAINT "FK_bee35dfa2547d5cbd8474f18186" FOREIGN KEY ("last_sign_in_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sso_email_domain" ADD CONSTRAINT "FK_6508f5a5e3b551e58e4750d65d4" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `UPDATE "onboarding_step" SET "evidence_kind" = 'sso_sign_in' WHERE "key" = '1.6' AND "evidence_kind" IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "onboarding_step" SET "evidence_kind" = NULL WHERE "key" = '1.6' AND "evidence_kind" = 'sso_sign_in'`,
    );
    await queryRunner.query(`ALTER TABLE "sso_email_domain" DROP CONSTRAINT "FK_6508f5a5e3b551e58e4750d65d4"`);
    await queryRunner.query(`ALTER TABLE "sso_config" DROP CONSTRAINT "FK_bee35dfa2547d5cbd8474f18186"`);
    await queryRunner.query(`ALTER TABLE "sso_config" DROP CONSTRAINT "FK_0ddf7b2fe7898cf4ccd152cb1de"`);
    await queryRunner.query(`ALTER TABLE "sso_config" DROP CONSTRAINT "FK_628881e4cfc75e4b21c7e082adc"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6508f5a5e3b551e58e4750d65d"`);
    await queryRunner.query(`DROP TABLE "sso_email_domain"`);
    await queryRunner.query(`DROP TABLE "sso_config"`);
  }
}
