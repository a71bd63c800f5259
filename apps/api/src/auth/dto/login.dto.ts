import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'tenant_admin@acme-collections.demo' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'demo-password' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class SwitchTenantDto {
  @ApiProperty({ nullable: true, description: "A tenant's slug or id; null leaves every tenant" })
  @ValidateIf((dto: SwitchTenantDto) => dto.tenant_id !== null)
  @IsString()
  @MaxLength(63)
  tenant_id: string | null;
}
