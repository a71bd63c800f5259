import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PERSONA_IDS, PersonaId } from '@floor-os/personas';
import { REPORT_ZONES } from '@floor-os/reports';
import {
  Allow,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { SLUG_PATTERN, SLUG_RULE } from '../tenants.mapper';

export class CreateTenantDto {
  @ApiProperty({ example: 'acme-collections' })
  @IsString()
  @Matches(SLUG_PATTERN, { message: `slug must be ${SLUG_RULE}` })
  slug: string;

  @ApiProperty({ example: 'Acme Collections LLC' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  legal_name: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  pilot_mode?: boolean;

  @ApiPropertyOptional({ enum: PERSONA_IDS, isArray: true, description: 'Defaults to the pilot starter set' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(PERSONA_IDS, { each: true })
  active_personas?: PersonaId[];

  @ApiPropertyOptional({ description: "When given, the Tenant Admin's invitation is created" })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  admin_email?: string;
}

export class UpdateTenantDto {
  // Read-only fields a full-record edit form sends back; accepted and ignored.
  @Allow() id?: unknown;
  @Allow() slug?: unknown;
  @Allow() enforcement_mode?: unknown;
  @Allow() created_at?: unknown;
  @Allow() updated_at?: unknown;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  legal_name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  pilot_mode?: boolean;

  @ApiPropertyOptional({ enum: PERSONA_IDS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(PERSONA_IDS, { each: true })
  active_personas?: PersonaId[];
}

/** What a Tenant Admin may change about the own tenant. */
export class UpdateOwnTenantDto {
  @Allow() id?: unknown;
  @Allow() slug?: unknown;
  @Allow() pilot_mode?: unknown;
  @Allow() enforcement_mode?: unknown;
  @Allow() created_at?: unknown;
  @Allow() updated_at?: unknown;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  legal_name?: string;

  @ApiPropertyOptional({ enum: PERSONA_IDS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(PERSONA_IDS, { each: true })
  active_personas?: PersonaId[];

  /** The tenant's time zone (decided detail 23): a US zone; report days, weeks and the weekly review follow it. */
  @ApiPropertyOptional({ enum: REPORT_ZONES })
  @IsOptional()
  @IsIn(REPORT_ZONES as string[])
  timezone?: string;

  /**
   * The agents' queue throughput per week before Floor OS (contact attempts through the gate that name an
   * agent, the usage readout's unit, SPEC P4): the readout's baseline. A whole number from 0 to 10,000,000,
   * or null to clear it.
   */
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 10_000_000 })
  @IsOptional()
  @ValidateIf((dto: UpdateOwnTenantDto) => dto.queue_throughput_baseline !== null)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  queue_throughput_baseline?: number | null;
}

export class EnforcementDto {
  @ApiProperty({ enum: ['shadow', 'enforce'] })
  @IsIn(['shadow', 'enforce'])
  mode: 'shadow' | 'enforce';
}
