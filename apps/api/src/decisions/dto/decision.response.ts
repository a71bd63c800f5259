import type {
  AttemptSource,
  DecisionDeliveryView,
  DecisionDetailView,
  AnnotationView,
  DecisionOutcome,
  DecisionOutcomeView,
  DecisionRuleId,
  DecisionSource,
  DecisionView,
  DialMode,
  DisputedDecisionView,
  DisputeStatus,
  DisputeView,
  DrilldownWeekView,
  EnforcementMode,
  FindingView,
  Initiator,
  RuleSummary,
  WebhookDeliveryStatus,
} from '@floor-os/contracts';
import { DECISION_RULE_IDS, DECISION_SOURCES } from '@floor-os/contracts';
import { CHANNELS, RULE_IDS, type Channel, type RuleId } from '@floor-os/rules';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Agrees, SameShape } from '../../common/dto/contract';
import { MAP_OF } from '../../common/openapi';
import type { DecisionsService, mapAnnotation } from '../decisions.service';
import { ANNOTATION_CATEGORIES, type AnnotationCategory } from '../decision-annotation.entity';

type ServiceAnnotation = ReturnType<typeof mapAnnotation>;
type DrilldownWeek = Awaited<ReturnType<DecisionsService['drilldownsPerWeek']>>[number];

/** A note on a decision; with category `disagree` or routed to IT it is a dispute. */
export class AnnotationResponse implements ServiceAnnotation, AnnotationView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  audit_id: string;

  @ApiProperty({ enum: ANNOTATION_CATEGORIES })
  category: AnnotationCategory;

  @ApiProperty()
  note: string;

  @ApiProperty({ enum: ['it'], nullable: true, description: 'it: routed to IT for a data fix' })
  routed_to: 'it' | null;

  @ApiProperty({ enum: ['open', 'resolved'] })
  status: DisputeStatus;

  @ApiProperty({ type: String, nullable: true })
  resolution: string | null;

  @ApiProperty()
  created_by_email: string;

  @ApiProperty({ format: 'date-time' })
  created_at: string;

  @ApiProperty({ format: 'date-time' })
  updated_at: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  resolved_at: string | null;
}

/** A dispute (a note with category `disagree` or routed to IT), with the decision it is about. */
export class DisputeResponse extends AnnotationResponse implements DisputeView {
  @ApiPropertyOptional({
    type: () => DisputedDecisionResponse,
    nullable: true,
    description:
      'The decision by account, channel and time (disputes list and page; null when the decision is not found)',
  })
  decision?: DisputedDecisionResponse | null;
}

/** The decision a dispute is about, as people name it. */
export class DisputedDecisionResponse implements DisputedDecisionView {
  @ApiProperty()
  account_id: string;

  @ApiProperty({ enum: CHANNELS })
  channel: Channel;

  @ApiProperty({ format: 'date-time' })
  created_at: string;
}

/** A gate decision as the audit trail lists it (never changed after it is made). */
export class DecisionResponse implements DecisionView {
  @ApiProperty({ description: 'The audit id (react-admin reads `id`)' })
  id: string;

  @ApiProperty({ example: 'ccs_01J0000000000000000000000' })
  audit_id: string;

  @ApiProperty({ format: 'date-time' })
  created_at: string;

  @ApiProperty()
  account_id: string;

  @ApiProperty({ enum: [...CHANNELS] })
  channel: Channel;

  @ApiProperty({ type: String, nullable: true, enum: ['manual', 'automated', 'prerecorded'] })
  dial_mode: DialMode | null;

  @ApiProperty({ type: String, nullable: true })
  agent_id: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "The name of the tenant's user behind agent_id (by agent code or user id); null for an agent code no user holds",
  })
  agent_name: string | null;

  @ApiProperty({ type: String, nullable: true })
  phone_number: string | null;

  @ApiProperty()
  allowed: boolean;

  @ApiProperty()
  would_block: boolean;

  @ApiProperty({ enum: ['shadow', 'enforce'] })
  mode: EnforcementMode;

  @ApiProperty({
    enum: DECISION_RULE_IDS,
    isArray: true,
    description: 'The rules that blocked or warned (ACCOUNT_NOT_FOUND, GATE_UNAVAILABLE: the gate could not judge)',
  })
  rule_ids: DecisionRuleId[];

  @ApiProperty({ type: [String] })
  statutes: string[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  next_allowed_at: string | null;

  @ApiProperty({ format: 'date-time' })
  expires_at: string;

  @ApiProperty({ description: 'How long the gate took to answer' })
  latency_ms: number;

  @ApiProperty({ enum: DECISION_SOURCES, description: "spool: the gate's spool replayed a decision it made" })
  source: DecisionSource;

  @ApiProperty()
  is_test: boolean;

  @ApiProperty({ enum: ['collector', 'consumer'] })
  initiated_by: Initiator;

  @ApiProperty({ enum: ['allowed', 'blocked', 'would_block'] })
  outcome: DecisionOutcome;
}

class FindingRuleResponse implements RuleSummary {
  @ApiProperty({ enum: [...RULE_IDS] })
  id: RuleId;

  @ApiProperty()
  statute: string;

  @ApiProperty({ enum: [...CHANNELS], isArray: true })
  channels: Channel[];

  @ApiProperty()
  mandatory: boolean;

  @ApiProperty()
  description: string;
}

class FindingResponse implements FindingView {
  @ApiProperty()
  rule_id: string;

  @ApiProperty({ enum: ['block', 'warn'] })
  severity: 'block' | 'warn';

  @ApiProperty()
  statute: string;

  @ApiProperty()
  message: string;

  @ApiPropertyOptional({ description: 'A calling-window or frequency-cap finding: it passes by itself later' })
  time_based?: boolean;

  @ApiProperty({ type: () => FindingRuleResponse, nullable: true, description: 'The rule in the catalogue' })
  rule: FindingRuleResponse | null;
}

class DecisionOutcomeResponse implements DecisionOutcomeView {
  @ApiProperty()
  id: string;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ enum: [...CHANNELS] })
  channel: Channel;

  @ApiProperty({ example: 'connected' })
  outcome: string;

  @ApiProperty({ description: 'Counts toward the frequency caps' })
  counted: boolean;

  @ApiProperty({ enum: ['gate', 'webhook', 'import', 'inbound'] })
  source: AttemptSource;
}

class DecisionDeliveryResponse implements DecisionDeliveryView {
  @ApiProperty()
  id: string;

  @ApiProperty()
  vendor: string;

  @ApiProperty()
  event_id: string;

  @ApiProperty({ enum: ['pending', 'processed', 'failed'] })
  status: WebhookDeliveryStatus;

  @ApiProperty({ format: 'date-time' })
  received_at: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  processed_at: string | null;

  @ApiProperty({ type: String, nullable: true })
  disposition: string | null;
}

/** One decision with the facts it read, its findings, what was reported after and the notes on it. */
export class DecisionDetailResponse extends DecisionResponse implements DecisionDetailView {
  @ApiProperty({ type: () => [FindingResponse] })
  findings: FindingResponse[];

  @ApiProperty({ ...MAP_OF.anything, nullable: true, description: 'The account facts the gate read' })
  facts: Record<string, unknown> | null;

  @ApiProperty({ type: String, nullable: true, description: 'The user or API key that asked' })
  principal_id: string | null;

  @ApiProperty({ example: 'Started by the collector' })
  initiated_by_text: string;

  @ApiProperty({ type: () => [DecisionOutcomeResponse], description: 'Contacts recorded against this decision' })
  outcomes: DecisionOutcomeResponse[];

  @ApiProperty({
    type: () => [DecisionDeliveryResponse],
    description: 'Vendor deliveries that reported on it (never the raw body)',
  })
  deliveries: DecisionDeliveryResponse[];

  @ApiProperty({ type: () => [AnnotationResponse] })
  annotations: AnnotationResponse[];
}

/** Audit drill-downs per ISO week, newest first. */
export class DrilldownWeekResponse implements DrilldownWeek, DrilldownWeekView {
  @ApiProperty({ example: '2026-W10' })
  week: string;

  @ApiProperty()
  drilldowns: number;

  @ApiProperty()
  users: number;
}

/** Each answer and its wire type agree both ways (a field either side lacks fails `tsc`). */
export type DecisionResponseAgrees = Agrees<SameShape<DecisionResponse, DecisionView>>;
export type DecisionDetailResponseAgrees = Agrees<SameShape<DecisionDetailResponse, DecisionDetailView>>;
export type AnnotationResponseAgrees = Agrees<SameShape<AnnotationResponse, AnnotationView>>;
export type DisputeResponseAgrees = Agrees<SameShape<DisputeResponse, DisputeView>>;
export type DrilldownWeekResponseAgrees = Agrees<SameShape<DrilldownWeekResponse, DrilldownWeekView>>;
