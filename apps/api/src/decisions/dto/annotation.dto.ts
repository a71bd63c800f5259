import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ANNOTATION_CATEGORIES, AnnotationCategory } from '../decision-annotation.entity';

export class CreateAnnotationDto {
  @ApiProperty({ example: 'The state on file is wrong: the consumer moved to TX.' })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  note: string;

  @ApiProperty({ enum: ANNOTATION_CATEGORIES })
  @IsIn(ANNOTATION_CATEGORIES)
  category: AnnotationCategory;

  @ApiPropertyOptional({ description: 'Route to IT for a data fix (a dispute with status open → resolved)' })
  @IsOptional()
  @IsBoolean()
  route_to_it?: boolean;
}

export class ResolveDisputeDto {
  @Allow() id?: unknown;
  @Allow() audit_id?: unknown;
  @Allow() category?: unknown;
  @Allow() note?: unknown;
  @Allow() routed_to?: unknown;
  @Allow() created_by_email?: unknown;
  @Allow() created_at?: unknown;
  @Allow() updated_at?: unknown;
  @Allow() resolved_at?: unknown;

  @ApiProperty({ enum: ['open', 'resolved'] })
  @IsIn(['open', 'resolved'])
  status: 'open' | 'resolved';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  resolution?: string | null;
}
