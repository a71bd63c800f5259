import {
  CHANNELS,
  RULE_IDS,
  type CapRuleId,
  type Channel,
  type RuleDefinition,
  type RuleId,
  type RuleSettings,
} from '@floor-os/rules';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { TenantsService } from '../tenants.service';

type RuleSettingsAnswer = Awaited<ReturnType<TenantsService['getRuleSettings']>>;
type CallWindow = NonNullable<RuleSettings['call_window']>;
type Caps = NonNullable<RuleSettings['caps']>;

export class RuleCallWindow implements CallWindow {
  @ApiProperty({ minimum: 8, maximum: 20.5, description: 'Local hour (whole or half)' })
  start_hour: number;

  @ApiProperty({ minimum: 8.5, maximum: 21 })
  end_hour: number;
}

export class RuleCaps implements Caps {
  @ApiPropertyOptional({ description: 'Calls in 7 days (Reg F: at most 7)' })
  REG_F_7IN7?: number;

  @ApiPropertyOptional()
  MA_2IN7?: number;

  @ApiPropertyOptional()
  WA_3PERWEEK?: number;

  @ApiPropertyOptional()
  NYC_3IN7?: number;
}

/** The tenant's rule settings: only tighter than the law, never looser. */
export class RuleSettingsBody implements RuleSettings {
  @ApiPropertyOptional({ enum: [...RULE_IDS], isArray: true, description: 'Configurable rules switched off' })
  disabled?: string[];

  @ApiPropertyOptional({ type: () => RuleCaps, description: 'Tightened caps: "block when count >= cap"' })
  caps?: Partial<Record<CapRuleId, number>>;

  @ApiPropertyOptional({ type: () => RuleCallWindow, description: 'A narrower calling window, local time' })
  call_window?: RuleCallWindow;

  @ApiPropertyOptional({ description: 'A connected call counts as a conversation (stricter)' })
  connected_counts_as_conversation?: boolean;
}

class RuleDefinitionResponse implements RuleDefinition {
  @ApiProperty({ enum: [...RULE_IDS] })
  id: RuleId;

  @ApiProperty()
  statute: string;

  @ApiProperty({ enum: [...CHANNELS], isArray: true })
  channels: Channel[];

  @ApiProperty({ enum: ['mandatory', 'configurable'] })
  kind: 'mandatory' | 'configurable';

  @ApiProperty()
  mandatory: boolean;

  @ApiProperty({ enum: ['federal', 'state', 'city', 'tenant'] })
  scope: 'federal' | 'state' | 'city' | 'tenant';

  @ApiProperty({ description: 'The decision rule in words' })
  reason: string;

  @ApiProperty({ description: 'Same text as reason' })
  description: string;

  @ApiProperty({ description: 'A calling-window or frequency rule: its blocks pass by themselves later' })
  time_based: boolean;

  @ApiPropertyOptional({ description: 'The default cap, for rules whose number a tenant may tighten' })
  default_cap?: number;
}

/** The tenant's rule settings and the rule catalogue they apply to. */
export class RuleSettingsResponse implements RuleSettingsAnswer {
  @ApiProperty({ type: () => RuleSettingsBody })
  settings: RuleSettingsBody;

  @ApiProperty({ type: () => [RuleDefinitionResponse] })
  rules: RuleDefinitionResponse[];
}
