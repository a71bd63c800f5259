import {
  HttpStatus,
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiErrors, ApiFile, ApiList } from '../common/openapi';
import { SuppressionEntryDto } from './dto/suppression-entry.dto';
import { SuppressionEntryResponse, SuppressionImportResponse } from './dto/suppression.response';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { ListQuery, setContentRange } from '../database/list-query';
import { IdParam } from '../common/request-names';
import { ApiError } from '../common/api-error';
import { MAX_IMPORT_ENTRIES, normaliseEntry, SuppressionService } from './suppression.service';

@ApiTags('suppression list')
@Controller('api/v1/suppression')
export class SuppressionController {
  constructor(private readonly suppression: SuppressionService) {}

  @Get()
  @RequirePermission('suppression.manage')
  @ApiList(SuppressionEntryResponse, 'suppression')
  async list(
    @CurrentPrincipal() who: Principal,
    @Query() query: ListQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const page = await this.suppression.list(who, query);
    setContentRange(reply, 'suppression', page.skip, page.rows.length, page.total);
    return page.rows;
  }

  @Get('export.csv')
  @RequirePermission('suppression.manage')
  @ApiFile('text/csv', 'The whole list as CSV: kind, value, reason (imports back as it is)')
  async export(@CurrentPrincipal() who: Principal, @Res({ passthrough: true }) reply: FastifyReply) {
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="suppression-list.csv"');
    return this.suppression.exportCsv(who);
  }

  /** One entry `{kind, value, reason?}` (react-admin's create) — answers the entry. */
  @Post()
  @RequirePermission('suppression.manage')
  @ApiCreatedResponse({
    type: SuppressionEntryResponse,
    description: 'The entry as stored (adding one already there answers it)',
  })
  @ApiErrors([400, 'kind or value is not valid, or the body has other fields (codes VALIDATION_FAILED, UNKNOWN_FIELD)'])
  async create(@CurrentPrincipal() who: Principal, @Body() body: SuppressionEntryDto) {
    const result = await this.suppression.add(who, [body]);
    if (result.rejected)
      throw new BadRequestException({
        message: 'Validation failed',
        code: 'VALIDATION_FAILED',
        fields: { value: [result.errors[0].message] },
      });
    const normalised = normaliseEntry(body.kind, body.value) as { kind: string; value: string };
    const page = await this.suppression.list(who, {
      filter: JSON.stringify({ kind: normalised.kind, value: normalised.value }),
    });
    return page.rows[0];
  }

  /** CSV import: `text/csv` with a `kind,value[,reason]` header, or a JSON array of entries. */
  @Post('import')
  @HttpCode(200)
  @RequirePermission('suppression.manage')
  @ApiConsumes('text/csv', 'application/json')
  @ApiExtraModels(SuppressionEntryDto)
  @ApiBody({
    schema: {
      oneOf: [
        { type: 'string', description: 'CSV with a header line kind,value[,reason]' },
        { type: 'array', items: { $ref: getSchemaPath(SuppressionEntryDto) } },
      ],
    },
  })
  @ApiOkResponse({ type: SuppressionImportResponse })
  @ApiErrors(
    [400, 'Not a readable CSV or a JSON array (code VALIDATION_FAILED)'],
    [413, 'More than 50,000 entries (code TOO_MANY_ROWS), or a body over its size limit'],
  )
  // A bulk body, not one object: CSV text or a JSON array whose entries are checked one by one by the
  // service (a refused entry is answered with its index and reason; the others are added). Neither shape
  // is a DTO, so the pipe leaves it alone; the schema above documents both.
  import(@CurrentPrincipal() who: Principal, @Body() body: string | SuppressionEntryDto[]) {
    const entries = typeof body === 'string' ? this.suppression.parseCsv(body) : Array.isArray(body) ? body : null;
    if (!entries)
      throw new BadRequestException({
        message: 'Validation failed',
        code: 'VALIDATION_FAILED',
        fields: { body: ['send text/csv or a JSON array'] },
      });
    if (entries.length > MAX_IMPORT_ENTRIES)
      throw new ApiError(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'TOO_MANY_ROWS',
        `At most ${MAX_IMPORT_ENTRIES} entries per request: split the file`,
      );
    return this.suppression.add(who, entries);
  }

  @Delete(':id')
  @RequirePermission('suppression.manage')
  @ApiOkResponse({ type: SuppressionEntryResponse, description: 'The entry, removed' })
  @ApiErrors([400, 'This request takes no body (code UNKNOWN_FIELD)'], 404)
  remove(@CurrentPrincipal() who: Principal, @Param('id', IdParam) id: string) {
    return this.suppression.remove(who, id);
  }
}
