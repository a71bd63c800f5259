import type {
  OffboardingCaseDetail,
  OffboardingCaseView,
  OffboardingReassignResult,
  OffboardingStatus,
} from '@floor-os/contracts';
import { OFFBOARDING_STATUSES } from '@floor-os/contracts';
import { ApiProperty } from '@nestjs/swagger';

type CaseKey = OffboardingCaseDetail['api_keys'][number];
type CaseAccount = OffboardingCaseDetail['accounts'][number];
type CaseDispute = OffboardingCaseDetail['open_disputes'][number];

/** An HR offboarding case as listed. */
export class OffboardingCaseResponse implements OffboardingCaseView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  user_id: string;

  @ApiProperty({ type: String, nullable: true })
  user_email: string | null;

  @ApiProperty({ type: String, nullable: true })
  user_name: string | null;

  @ApiProperty({ enum: OFFBOARDING_STATUSES })
  status: OffboardingStatus;

  @ApiProperty()
  reason: string;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Informational: access is taken away when the case opens',
  })
  last_day: string | null;

  @ApiProperty({ description: "The user's status before the case, which cancel restores" })
  previous_status: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  opened_by_id: string | null;

  @ApiProperty({ format: 'date-time', description: 'When sign-in was refused and every session ended' })
  opened_at: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  closed_by_id: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closed_at: string | null;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;
}

class CaseKeyResponse implements CaseKey {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  label: string;

  @ApiProperty()
  prefix: string;

  @ApiProperty({ format: 'date-time' })
  created_at: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  last_used_at: string | null;
}

class CaseAccountResponse implements CaseAccount {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  account_id: string;

  @ApiProperty()
  queue_priority: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  assigned_at: string | null;
}

class CaseDisputeResponse implements CaseDispute {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  audit_id: string;

  @ApiProperty()
  category: string;

  @ApiProperty()
  note: string;

  @ApiProperty({ format: 'date-time' })
  created_at: string;
}

/** A case with what is still left with the user: keys they own, accounts assigned to them, disputes they raised. */
export class OffboardingCaseDetailResponse extends OffboardingCaseResponse implements OffboardingCaseDetail {
  @ApiProperty({ type: () => [CaseKeyResponse] })
  api_keys: CaseKeyResponse[];

  @ApiProperty({
    type: () => [CaseAccountResponse],
    description: 'At most the first 200, highest queue priority first',
  })
  accounts: CaseAccountResponse[];

  @ApiProperty({ description: 'Exact, even past 200' })
  accounts_total: number;

  @ApiProperty({ type: () => [CaseDisputeResponse] })
  open_disputes: CaseDisputeResponse[];
}

/** `POST /offboarding/{id}/reassign`: the case, and how many accounts moved. */
export class OffboardingReassignResponse extends OffboardingCaseDetailResponse implements OffboardingReassignResult {
  @ApiProperty()
  reassigned: number;
}
