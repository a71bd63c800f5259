import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each stored upload chunk names its tenant, so the per-tenant cap on stored upload bytes
 * (IMPORT_TENANT_MAX_BYTES) can sum what a tenant holds, uploads in progress included. Chunks stored
 * before this migration take the tenant of their import.
 */
export class ImportBlobTenant1795402000000 implements MigrationInterface {
  name = 'ImportBlobTenant1795402000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "import_blob_chunk" ADD "tenant_id" uuid`);
    await queryRunner.query(`CREATE INDEX "IDX_aa756bd5c311783d145878e018" ON "import_blob_chunk"  ("tenant_id") `);
    await queryRunner.query(
      `UPDATE "import_blob_chunk" c SET "tenant_id" = j."tenant_id" FROM "import_job" j WHERE j."blob_id" = c."blob_id"`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_aa756bd5c311783d145878e018"`);
    await queryRunner.query(`ALTER TABLE "import_blob_chunk" DROP COLUMN "tenant_id"`);
  }
}
