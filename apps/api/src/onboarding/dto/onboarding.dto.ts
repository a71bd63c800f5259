import { patchProblems, STEP_STATUSES, type StepPatch } from '@floor-os/onboarding';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Satisfies } from '../../common/dto-rules';
import { UnknownFieldsUnder } from '../../common/validation';

/** `POST /sys/onboarding/{tenant_id}`: no body, or the template to start from. */
export class StartOnboardingDto {
  @ApiPropertyOptional({ enum: ['default', 'pilot'], default: 'default' })
  @Satisfies(
    (value) => value === undefined || value === null || value === 'default' || value === 'pilot',
    'template must be default or pilot',
  )
  template?: 'default' | 'pilot' | null;
}

/** The step machine's own rule for one field (libs/onboarding `patchProblems`): one place for the messages. */
const stepRule = (field: keyof StepPatch) => {
  const problem = (value: unknown) => patchProblems({ [field]: value })[field]?.[0];
  return Satisfies(
    (value) => problem(value) === undefined,
    (value) => problem(value) ?? '',
  );
};

/**
 * `PATCH /sys/onboarding/{tenant_id}/steps/{step_id}`: the step machine decides what may change (409 with
 * its code otherwise). Unknown fields are listed under `body` with the other problems, as always.
 */
@UnknownFieldsUnder('body')
export class OnboardingStepPatchDto implements StepPatch {
  @ApiPropertyOptional({ enum: STEP_STATUSES })
  @stepRule('status')
  status?: (typeof STEP_STATUSES)[number];

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @stepRule('assignee_id')
  assignee_id?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500, description: 'Required to block a step' })
  @stepRule('blocking_reason')
  blocking_reason?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 4000,
    description: 'What shows the acceptance is met',
  })
  @stepRule('evidence')
  evidence?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @stepRule('due_date')
  due_date?: string | null;
}
