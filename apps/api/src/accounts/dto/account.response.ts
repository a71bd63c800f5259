import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Agrees, SameShape } from '../../common/dto/contract';
import { MAP_OF } from '../../common/openapi';
import type {
  AccountBulkResult,
  AccountContactView,
  AccountDecisionView,
  AccountDetailView,
  AccountView,
  BankruptcyStatus,
  CallWindow,
  DecisionChannel,
  EnforcementMode,
  PhoneType,
} from '@floor-os/contracts';

const CHANNELS = ['voice', 'sms', 'email', 'payment'];

class CallWindowResponse implements CallWindow {
  @ApiProperty({ description: 'Local hour the convenient window starts (halves allowed)' })
  start_hour: number;

  @ApiProperty({ description: 'Local hour it ends' })
  end_hour: number;
}

/** An account and its compliance facts, as the gate reads them. */
export class AccountResponse implements AccountView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'ACC-1001', description: "The tenant's own account id" })
  account_id: string;

  @ApiProperty({ type: String, nullable: true, example: '+12125550123' })
  phone_number: string | null;

  @ApiProperty({ enum: ['mobile', 'landline', 'voip', 'unknown'], nullable: true })
  phone_type: PhoneType | null;

  @ApiProperty({ type: String, nullable: true, example: 'NY' })
  state: string | null;

  @ApiProperty({ type: String, nullable: true })
  zip: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'America/New_York' })
  timezone: string | null;

  @ApiProperty({ type: String, nullable: true })
  email: string | null;

  @ApiProperty()
  email_is_work: boolean;

  @ApiProperty({ type: Number, nullable: true, description: 'Negative: a credit balance' })
  balance: number | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  last_contact_at: string | null;

  @ApiProperty()
  bankruptcy_flag: boolean;

  @ApiProperty({ enum: ['open', 'discharged', 'dismissed'], nullable: true })
  bankruptcy_status: BankruptcyStatus | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  cease_requested_at: string | null;

  @ApiProperty()
  attorney_represented: boolean;

  @ApiProperty()
  dispute_open: boolean;

  @ApiProperty()
  deceased: boolean;

  @ApiProperty()
  scra_active_duty: boolean;

  @ApiProperty()
  autodial_consent: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  autodial_consent_revoked_at: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  sms_opt_out_at: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  email_opt_out_at: string | null;

  @ApiProperty()
  employer_prohibits_calls: boolean;

  @ApiProperty({ type: [String], description: 'Channels the consumer banned: voice, sms, email, payment' })
  medium_bans: string[];

  @ApiProperty()
  time_barred: boolean;

  @ApiProperty()
  time_barred_disclosure_given: boolean;

  @ApiProperty({
    type: () => CallWindowResponse,
    nullable: true,
    description: 'The convenient window the consumer asked for',
  })
  call_window: CallWindowResponse | null;

  @ApiProperty({ type: String, nullable: true })
  attorney_contact: string | null;

  @ApiProperty()
  is_test: boolean;

  @ApiProperty({
    ...MAP_OF.strings,
    description: 'Compliance fact → where its value came from (upload, import, agent…)',
  })
  fact_sources: Record<string, string>;

  @ApiProperty({ format: 'date-time' })
  created_at: string;

  @ApiProperty({ format: 'date-time' })
  updated_at: string;
}

class AccountDecisionResponse implements AccountDecisionView {
  @ApiProperty()
  audit_id: string;

  @ApiProperty({ format: 'date-time' })
  created_at: string;

  @ApiProperty({ enum: CHANNELS })
  channel: DecisionChannel;

  @ApiProperty({ type: String, nullable: true })
  agent_id: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "The name of the tenant's user behind agent_id (by agent code or user id); null for an agent code no user holds",
  })
  agent_name: string | null;

  @ApiProperty()
  allowed: boolean;

  @ApiProperty()
  would_block: boolean;

  @ApiProperty({ enum: ['shadow', 'enforce'] })
  mode: EnforcementMode;

  @ApiProperty({ type: [String] })
  rule_ids: string[];

  @ApiProperty({ type: [String] })
  statutes: string[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  next_allowed_at: string | null;
}

class AccountContactResponse implements AccountContactView {
  @ApiProperty()
  id: string;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ enum: CHANNELS })
  channel: DecisionChannel;

  @ApiProperty({ example: 'connected' })
  outcome: string;

  @ApiProperty({ description: 'Counts toward the frequency caps' })
  counted: boolean;

  @ApiProperty({ type: String, nullable: true })
  audit_id: string | null;
}

/** AccountDetail: the facts, the latest 20 decisions and the last 30 days of contacts. */
export class AccountDetailResponse extends AccountResponse implements AccountDetailView {
  @ApiProperty({ type: () => [AccountDecisionResponse] })
  recent_decisions: AccountDecisionResponse[];

  @ApiProperty({ type: () => [AccountContactResponse] })
  contact_history: AccountContactResponse[];
}

type BulkError = AccountBulkResult['errors'][number];
type BulkWarning = AccountBulkResult['warnings'][number];

class BulkErrorResponse implements BulkError {
  @ApiProperty({ description: 'The row in the request (0-based)' })
  index: number;

  @ApiProperty({ type: String, nullable: true })
  account_id: string | null;

  @ApiProperty({ ...MAP_OF.messages })
  fields: Record<string, string[]>;
}

class BulkWarningResponse implements BulkWarning {
  @ApiProperty()
  index: number;

  @ApiProperty()
  account_id: string;

  @ApiProperty()
  field: string;

  @ApiProperty({ example: 'credit_balance' })
  code: string;

  @ApiProperty()
  message: string;
}

/** `POST /accounts/bulk`: what was written, and each refused row with why. */
export class BulkResultResponse implements AccountBulkResult {
  @ApiProperty()
  received: number;

  @ApiProperty()
  inserted: number;

  @ApiProperty()
  updated: number;

  @ApiProperty()
  rejected: number;

  @ApiProperty({ type: () => [BulkErrorResponse], description: 'Refused rows: written nowhere' })
  errors: BulkErrorResponse[];

  @ApiProperty({
    type: () => [BulkWarningResponse],
    description: 'Accepted rows with something worth saying (a negative balance: a credit)',
  })
  warnings: BulkWarningResponse[];
}

const flag = (description?: string) =>
  ApiPropertyOptional({ type: Boolean, description: description ?? 'true or false (also yes/no, 1/0)' });
const instant = () => ApiPropertyOptional({ type: String, format: 'date-time', description: 'ISO instant or US date' });

/**
 * One row of `POST /accounts/bulk`. A row that creates an account needs account_id, phone_number and
 * state; on an existing account a field left out keeps its value.
 */
export class AccountBulkRow {
  @ApiProperty({ example: 'ACC-1001' })
  account_id: string;

  @ApiPropertyOptional({ example: '+12125550123', description: 'E.164 or a US number; required for a new account' })
  phone_number?: string;

  @ApiPropertyOptional({ enum: ['mobile', 'landline', 'voip', 'unknown'] })
  phone_type?: string;

  @ApiPropertyOptional({ example: 'NY', description: 'US two-letter code; required for a new account' })
  state?: string;

  @ApiPropertyOptional({ example: '10001' })
  zip?: string;

  @ApiPropertyOptional({ example: 'America/New_York' })
  timezone?: string;

  @ApiPropertyOptional()
  email?: string;

  @ApiPropertyOptional({
    oneOf: [{ type: 'number' }, { type: 'string' }],
    description: 'A number (`$1,234.50` is read too); negative: a credit',
  })
  balance?: number | string;

  @ApiPropertyOptional({ enum: ['open', 'discharged', 'dismissed'] })
  bankruptcy_status?: string;

  @ApiPropertyOptional({
    oneOf: [{ type: 'array', items: { type: 'string', enum: CHANNELS } }, { type: 'string' }],
    description: 'Channels the consumer banned (a list, or text split on , ; |)',
  })
  medium_bans?: string[] | string;

  @flag()
  email_is_work?: boolean;

  @flag()
  bankruptcy_flag?: boolean;

  @flag()
  attorney_represented?: boolean;

  @flag()
  dispute_open?: boolean;

  @flag()
  deceased?: boolean;

  @flag()
  scra_active_duty?: boolean;

  @flag()
  autodial_consent?: boolean;

  @flag()
  employer_prohibits_calls?: boolean;

  @flag()
  time_barred?: boolean;

  @flag()
  time_barred_disclosure_given?: boolean;

  @instant()
  last_contact_at?: string;

  @instant()
  cease_requested_at?: string;

  @instant()
  autodial_consent_revoked_at?: string;

  @instant()
  sms_opt_out_at?: string;

  @instant()
  email_opt_out_at?: string;
}

/** Each answer and its wire type agree both ways (a field either side lacks fails `tsc`). */
export type AccountResponseAgrees = Agrees<SameShape<AccountResponse, AccountView>>;
export type AccountDetailResponseAgrees = Agrees<SameShape<AccountDetailResponse, AccountDetailView>>;
export type BulkResultResponseAgrees = Agrees<SameShape<BulkResultResponse, AccountBulkResult>>;
