import { ApiProperty } from '@nestjs/swagger';

/** `GET /health/live`: the process runs and answers. */
export class LiveResponse {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';
}
