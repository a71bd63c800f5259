import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pilot's W1.6 step (gap report signed, go/no-go) shows the signed gap report as its evidence
 * (decided detail 26) instead of the health check, which its go/no-go rule still requires. Checklists
 * started before this point kept the template's old evidence kind; they get the new one.
 */
export class GapReportEvidence1795410700000 implements MigrationInterface {
  name = 'GapReportEvidence1795410700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE onboarding_step SET evidence_kind = 'gap_report_signed'
        WHERE key = 'W1.6' AND evidence_kind = 'health_check_passed'
          AND checklist_id IN (SELECT id FROM onboarding_checklist WHERE template = 'pilot')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE onboarding_step SET evidence_kind = 'health_check_passed'
        WHERE key = 'W1.6' AND evidence_kind = 'gap_report_signed'
          AND checklist_id IN (SELECT id FROM onboarding_checklist WHERE template = 'pilot')`,
    );
  }
}
