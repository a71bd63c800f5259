import { CONSUMER_REQUEST_KINDS, type ConsumerRequest, type ConsumerRequestKind } from '@floor-os/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** What the consumer said, recorded by an agent (SPEC decided detail 8). */
export class ConsumerRequestDto implements ConsumerRequest {
  @ApiProperty({ enum: CONSUMER_REQUEST_KINDS })
  @IsIn(CONSUMER_REQUEST_KINDS)
  kind: ConsumerRequestKind;

  @ApiPropertyOptional({ description: 'do_not_call_number: the number (default: the account’s)' })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ()./-]{7,20}$/, { message: 'phone_number must be a phone number' })
  phone_number?: string;

  @ApiPropertyOptional({ description: 'inconvenient_times: the convenient window starts (local hour, 8–20.5)' })
  @IsOptional()
  @IsNumber()
  @Min(8)
  @Max(20.5)
  start_hour?: number;

  @ApiPropertyOptional({ description: 'inconvenient_times: the convenient window ends (local hour, 8.5–21)' })
  @IsOptional()
  @IsNumber()
  @Min(8.5)
  @Max(21)
  end_hour?: number;

  @ApiPropertyOptional({ description: 'attorney: name and contact' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  attorney_contact?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
