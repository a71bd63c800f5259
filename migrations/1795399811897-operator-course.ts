import { MigrationInterface, QueryRunner } from 'typeorm';

export class OperatorCourse1795399811897 implements MigrationInterface {
  name = 'OperatorCourse1795399811897';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "operator_profile" ("user_id" uuid NOT NULL, "autonomous" boolean NOT NULL DEFAULT false, "autonomous_since" TIMESTAMP WITH TIME ZONE, "updated_by_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3bd4451d714c52e60018a6654c5" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "operator_course_progress" ("user_id" uuid NOT NULL, "item_slug" character varying(64) NOT NULL, "done_at" TIMESTAMP WITH TIME ZONE, "signed_off_by_id" uuid, "signed_off_at" TIMESTAMP WITH TIME ZONE, "note" character varying(500), "updated_by_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_620d24da06ba1977164f7b4680f" PRIMARY KEY ("user_id", "item_slug"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "operator_profile" ADD CONSTRAINT "FK_3bd4451d714c52e60018a6654c5" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "operator_course_progress" ADD CONSTRAINT "FK_a7b22764b793af39ed4be240b58" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "operator_course_progress" ADD CONSTRAINT "FK_209d0aa1bd0490c1aab7147ba93" FOREIGN KEY ("signed_off_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "operator_course_progress" DROP CONSTRAINT "FK_209d0aa1bd0490c1aab7147ba93"`);
    await queryRunner.query(`ALTER TABLE "operator_course_progress" DROP CONSTRAINT "FK_a7b22764b793af39ed4be240b58"`);
    await queryRunner.query(`ALTER TABLE "operator_profile" DROP CONSTRAINT "FK_3bd4451d714c52e60018a6654c5"`);
    await queryRunner.query(`DROP TABLE "operator_course_progress"`);
    await queryRunner.query(`DROP TABLE "operator_profile"`);
  }
}
