import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PERSONA_IDS, PersonaId } from '@floor-os/personas';
import {
  Allow,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { MIN_PASSWORD_LENGTH } from '../../auth/passwords';
import { USER_STATUSES, UserStatus } from '../user.entity';

export class CreateUserDto {
  @ApiProperty({ example: 'jane@acme-collections.example' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ example: 'Jane Doe' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiProperty({ enum: PERSONA_IDS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(PERSONA_IDS, { each: true })
  personas: PersonaId[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((dto: CreateUserDto) => dto.manager_id !== null)
  @IsUUID()
  manager_id?: string | null;

  @ApiPropertyOptional({ nullable: true, description: "The dialer's agent id" })
  @IsOptional()
  @ValidateIf((dto: CreateUserDto) => dto.agent_code !== null)
  @IsString()
  @MaxLength(64)
  agent_code?: string | null;
}

/** `id`, `email` and timestamps may come back from react-admin's edit form; they are ignored. */
export class UpdateUserDto {
  // Read-only fields a full-record edit form sends back; accepted and ignored.
  @Allow() id?: unknown;
  @Allow() tenant_id?: unknown;
  @Allow() email?: unknown;
  @Allow() last_login_at?: unknown;
  @Allow() created_at?: unknown;
  @Allow() updated_at?: unknown;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: PERSONA_IDS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(PERSONA_IDS, { each: true })
  personas?: PersonaId[];

  @ApiPropertyOptional({
    enum: USER_STATUSES,
    description: 'Only active ↔ disabled changes here; offboarding goes through HR cases',
  })
  @IsOptional()
  @IsIn(USER_STATUSES)
  status?: UserStatus;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((dto: UpdateUserDto) => dto.manager_id !== null)
  @IsUUID()
  manager_id?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((dto: UpdateUserDto) => dto.agent_code !== null)
  @IsString()
  @MaxLength(64)
  agent_code?: string | null;
}

export class AcceptInvitationDto {
  @ApiProperty()
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  token: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(200)
  password: string;
}
