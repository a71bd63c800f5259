import { RULE_IDS } from '@floor-os/rules';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { AsSent } from '../../common/dto-rules';
import { BodyRequired } from '../../common/validation';
import { RuleCallWindow, RuleCaps } from './rule-settings.response';

/**
 * `PUT /compliance/rules`: the envelope of a tenant's rule settings. The fields are kept as sent and checked
 * by libs/rules (`validateSettings`): its answer is 400 RULE_SETTINGS_REFUSED naming each field, such as
 * `caps.REG_F_7IN7` — the keys of `caps` are rule ids (data, checked against the catalogue's own list, so
 * `constructor` is refused like any unknown id). Unknown top-level fields are refused by the pipe
 * (UNKNOWN_FIELD); a missing body is refused rather than read as `{}` (which resets the settings).
 */
@BodyRequired()
export class RuleSettingsDto {
  @ApiPropertyOptional({ enum: [...RULE_IDS], isArray: true, description: 'Configurable rules switched off' })
  @AsSent()
  disabled?: unknown;

  @ApiPropertyOptional({ type: () => RuleCaps, description: 'Tightened caps: "block when count >= cap"' })
  @AsSent()
  caps?: unknown;

  @ApiPropertyOptional({ type: () => RuleCallWindow, description: 'A narrower calling window, local time' })
  @AsSent()
  call_window?: unknown;

  @ApiPropertyOptional({ description: 'A connected call counts as a conversation (stricter)' })
  @AsSent()
  connected_counts_as_conversation?: unknown;
}
