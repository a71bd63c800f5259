import type { SuppressionEntryView, SuppressionImportResult, SuppressionKind } from '@floor-os/contracts';
import { ApiProperty } from '@nestjs/swagger';
import type { Agrees, SameShape } from '../../common/dto/contract';
import type { mapEntry } from '../suppression.service';

/** The service's entry; the class below implements it and the wire type, so the compiler checks they agree. */
type ServiceEntry = ReturnType<typeof mapEntry>;

type ImportError = SuppressionImportResult['errors'][number];

/** A number or an email the tenant never contacts. */
export class SuppressionEntryResponse implements ServiceEntry, SuppressionEntryView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['phone', 'email'] })
  kind: SuppressionKind;

  @ApiProperty({ example: '+12125550123', description: 'E.164 for a phone, lower case for an email' })
  value: string;

  @ApiProperty()
  reason: string;

  @ApiProperty({ format: 'date-time' })
  created_at: string;
}

class SuppressionImportError implements ImportError {
  @ApiProperty({ description: 'The entry in the request (0-based)' })
  index: number;

  @ApiProperty()
  message: string;
}

/** `POST /suppression/import`: what was added, what was there already, and each refused entry. */
export class SuppressionImportResponse implements SuppressionImportResult {
  @ApiProperty()
  received: number;

  @ApiProperty()
  added: number;

  @ApiProperty({ description: 'Valid entries the list held already' })
  duplicates: number;

  @ApiProperty()
  rejected: number;

  @ApiProperty({ type: () => [SuppressionImportError] })
  errors: SuppressionImportError[];
}

/** Each answer and its wire type agree both ways (a field either side lacks fails `tsc`). */
export type SuppressionEntryResponseAgrees = Agrees<SameShape<SuppressionEntryResponse, SuppressionEntryView>>;
export type SuppressionImportResponseAgrees = Agrees<SameShape<SuppressionImportResponse, SuppressionImportResult>>;
