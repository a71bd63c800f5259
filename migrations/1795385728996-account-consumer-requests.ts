import { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountConsumerRequests1795385728996 implements MigrationInterface {
  name = 'AccountConsumerRequests1795385728996';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "account" ADD "call_window" jsonb`);
    await queryRunner.query(`ALTER TABLE "account" ADD "attorney_contact" character varying(300)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "attorney_contact"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "call_window"`);
  }
}
