import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'pilot-primary' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/^[\w .:@/-]+$/, { message: 'label may hold letters, digits, spaces and . _ : @ / -' })
  label: string;
}
