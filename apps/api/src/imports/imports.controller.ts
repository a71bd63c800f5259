import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.decorators';
import { Principal, tenantOf } from '../auth/principal';
import { APP_CONFIG, AppConfig } from '../config/config';
import { ListQuery, setContentRange } from '../database/list-query';
import { tooLarge } from './blob-store';
import { ImportScope, ImportsService, UploadInput } from './imports.service';
import { Inject } from '@nestjs/common';
import { ApiErrors, ApiFile, ApiList } from '../common/openapi';
import { ImportUploadForm, ImportViewResponse } from './dto/import.response';
import { ImportConfirmDto, ImportMappingDto } from './dto/import.dto';

type MultipartRequest = FastifyRequest & {
  isMultipart?: () => boolean;
  parts: () => AsyncIterableIterator<{
    type: 'file' | 'field';
    fieldname: string;
    filename?: string;
    file?: AsyncIterable<Buffer> & { truncated?: boolean };
    value?: unknown;
  }>;
};

/**
 * Reads a multipart upload: the `file` part is handed over as a stream (the blob store consumes it while
 * it arrives); the form's other fields may come before or after it. One file per upload.
 */
async function readUpload(
  request: MultipartRequest,
  handle: (input: UploadInput) => Promise<unknown>,
  maxBytes: number,
): Promise<unknown> {
  if (!request.isMultipart?.())
    throw new BadRequestException({
      message: 'Validation failed',
      code: 'VALIDATION_FAILED',
      fields: { file: ['send multipart/form-data with a file part named "file"'] },
    });
  // Field names come from the request: an object without a prototype stores `__proto__` or `constructor` as any other name.
  const fields = Object.create(null) as Record<string, string>;
  let result: unknown = undefined;
  let seenFile = false;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') fields[part.fieldname] = String(part.value ?? '');
      else if (part.fieldname === 'file' && !seenFile) {
        seenFile = true;
        // The other fields must be known before the file is stored: a well-formed form sends them first (the panel does).
        result = await handle({
          filename: part.filename ?? 'upload',
          file: part.file!,
          fields: Object.assign(Object.create(null) as Record<string, string>, fields),
        });
      } else {
        for await (const _ of part.file!) void _;
      }
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes);
    throw error;
  }
  if (!seenFile)
    throw new BadRequestException({
      message: 'Validation failed',
      code: 'VALIDATION_FAILED',
      fields: { file: ['a file part named "file" is required'] },
    });
  return result;
}

const scopeOf = (who: Principal): ImportScope => ({
  tenantId: tenantOf(who),
  label: who.label,
  source: who.kind === 'api_key' ? 'api' : 'panel',
});

/** Imports for the tenant's own users (IT, Tenant Admin) and API keys (ongoing imports). SPEC I1–I6. */
@ApiTags('imports')
@Controller('api/v1/imports')
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(201)
  @RequirePermission('accounts.write', { apiKey: true })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportUploadForm })
  @ApiCreatedResponse({
    type: ImportViewResponse,
    description: 'The import, uploaded: its preview and a suggested mapping',
  })
  @ApiErrors(
    [
      400,
      'A form field is not valid, or the file cannot be read, holds no records, breaks a limit or is a SIE file of balances only (codes VALIDATION_FAILED, PARSE_ERROR, EMPTY_FILE, FILE_LIMIT, SIE_BALANCES_ONLY)',
    ],
    [
      413,
      "The file is larger than IMPORT_MAX_BYTES (code PAYLOAD_TOO_LARGE), or the tenant's stored import files would pass IMPORT_TENANT_MAX_BYTES (code TENANT_UPLOADS_FULL)",
    ],
  )
  upload(@CurrentPrincipal() who: Principal, @Req() request: MultipartRequest) {
    return readUpload(request, (input) => this.imports.upload(scopeOf(who), input), this.config.importMaxBytes);
  }

  @Get()
  @RequirePermission('accounts.write', { apiKey: true })
  @ApiList(
    ImportViewResponse,
    'imports',
    'One page of imports, newest first (without preview rows or suggested mapping)',
  )
  async list(
    @CurrentPrincipal() who: Principal,
    @Query() query: ListQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const page = await this.imports.list(scopeOf(who), query);
    setContentRange(reply, 'imports', page.skip, page.rows.length, page.total);
    return page.rows;
  }

  @Get(':id')
  @RequirePermission('accounts.write', { apiKey: true })
  @ApiOkResponse({ type: ImportViewResponse })
  @ApiErrors([404, 'No such import for this tenant (code NOT_FOUND)'])
  get(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.imports.get(scopeOf(who), id);
  }

  @Put(':id/mapping')
  @RequirePermission('accounts.write', { apiKey: true })
  @ApiOkResponse({
    type: ImportViewResponse,
    description: 'The import, mapped: its preview rows judged with the mapping',
  })
  @ApiErrors(
    [
      400,
      'The mapping names an unknown field or header, or the body has other fields (codes VALIDATION_FAILED, UNKNOWN_FIELD)',
    ],
    [404, 'No such import for this tenant (code NOT_FOUND)'],
    [409, 'The import is already confirmed (code IMPORT_STARTED)'],
  )
  mapping(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() body: ImportMappingDto) {
    return this.imports.setMapping(scopeOf(who), id, body);
  }

  @Post(':id/confirm')
  @HttpCode(202)
  @RequirePermission('accounts.write', { apiKey: true })
  @ApiBody({ type: ImportConfirmDto, required: false })
  @ApiAcceptedResponse({ type: ImportViewResponse, description: 'The import, queued' })
  @ApiErrors(
    [400, 'review is not true or false, or the body has other fields (codes VALIDATION_FAILED, UNKNOWN_FIELD)'],
    [404, 'No such import for this tenant (code NOT_FOUND)'],
    [
      409,
      'The import is already confirmed (code IMPORT_STARTED), or a required field is not mapped (code MAPPING_INCOMPLETE)',
    ],
  )
  confirm(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() body: ImportConfirmDto) {
    return this.imports.confirm(scopeOf(who), id, body ?? {});
  }

  @Post(':id/apply')
  @HttpCode(202)
  @RequirePermission('accounts.write', { apiKey: true })
  @ApiAcceptedResponse({ type: ImportViewResponse, description: 'The import, applying' })
  @ApiErrors(
    [400, 'This request takes no body (code UNKNOWN_FIELD)'],
    [404, 'No such import for this tenant (code NOT_FOUND)'],
    [409, 'Only a validated import can be applied (code NOT_VALIDATED)'],
  )
  apply(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.imports.apply(scopeOf(who), id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequirePermission('accounts.write', { apiKey: true })
  @ApiOkResponse({ type: ImportViewResponse, description: 'The import, cancelled: nothing of it is applied' })
  @ApiErrors(
    [400, 'This request takes no body (code UNKNOWN_FIELD)'],
    [404, 'No such import for this tenant (code NOT_FOUND)'],
    [409, 'The import is past cancelling (code NOT_CANCELLABLE)'],
  )
  cancel(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.imports.cancel(scopeOf(who), id);
  }

  @Get(':id/rejected.csv')
  @RequirePermission('accounts.write', { apiKey: true })
  @ApiFile('text/csv', 'The rejected rows with their reasons: line, account_id, field, reason')
  @ApiErrors([404, 'No such import for this tenant (code NOT_FOUND)'])
  async rejected(
    @CurrentPrincipal() who: Principal,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const csv = await this.imports.rejectedCsv(scopeOf(who), id);
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="import-${id}-rejected.csv"`);
    return csv;
  }
}

/** The platform operator's door to the same flow for a tenant being onboarded (SPEC I6, API contract). */
@ApiTags('imports')
@Controller('sys/onboarding/:tenant_id/imports')
export class OnboardingImportsController {
  constructor(
    private readonly imports: ImportsService,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `tenant_id` is the tenant's slug or id (decided detail 1). */
  private async scope(who: Principal, tenantRef: string): Promise<ImportScope> {
    const [tenant] = await this.db.query('SELECT id FROM tenant WHERE slug = $1 OR id::text = $1', [tenantRef]);
    if (!tenant) throw new NotFoundException('Tenant not found');
    return { tenantId: tenant.id, label: who.label, source: 'onboarding' };
  }

  @Post()
  @HttpCode(201)
  @RequirePermission('onboarding.manage', { platform: true })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportUploadForm })
  @ApiCreatedResponse({
    type: ImportViewResponse,
    description: 'The import, uploaded: its preview and a suggested mapping',
  })
  @ApiErrors(
    [
      400,
      'A form field is not valid, or the file cannot be read, holds no records, breaks a limit or is a SIE file of balances only (codes VALIDATION_FAILED, PARSE_ERROR, EMPTY_FILE, FILE_LIMIT, SIE_BALANCES_ONLY)',
    ],
    [
      413,
      "The file is larger than IMPORT_MAX_BYTES (code PAYLOAD_TOO_LARGE), or the tenant's stored import files would pass IMPORT_TENANT_MAX_BYTES (code TENANT_UPLOADS_FULL)",
    ],
    [404, 'No such tenant, or no such import for it (code NOT_FOUND)'],
  )
  async upload(
    @CurrentPrincipal() who: Principal,
    @Param('tenant_id') tenant: string,
    @Req() request: MultipartRequest,
  ) {
    const scope = await this.scope(who, tenant);
    return readUpload(request, (input) => this.imports.upload(scope, input), this.config.importMaxBytes);
  }

  @Get()
  @RequirePermission('onboarding.manage', { platform: true })
  @ApiList(
    ImportViewResponse,
    'imports',
    "One page of the tenant's imports (without preview rows or suggested mapping)",
  )
  @ApiErrors([404, 'No such tenant (code NOT_FOUND)'])
  async list(
    @CurrentPrincipal() who: Principal,
    @Param('tenant_id') tenant: string,
    @Query() query: ListQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const page = await this.imports.list(await this.scope(who, tenant), query);
    setContentRange(reply, 'imports', page.skip, page.rows.length, page.total);
    return page.rows;
  }

  @Get(':id')
  @RequirePermission('onboarding.manage', { platform: true })
  @ApiOkResponse({ type: ImportViewResponse })
  @ApiErrors([404, 'No such tenant, or no such import for it (code NOT_FOUND)'])
  async get(@CurrentPrincipal() who: Principal, @Param('tenant_id') tenant: string, @Param('id') id: string) {
    return this.imports.get(await this.scope(who, tenant), id);
  }

  @Put(':id/mapping')
  @RequirePermission('onboarding.manage', { platform: true })
  @ApiOkResponse({
    type: ImportViewResponse,
    description: 'The import, mapped: its preview rows judged with the mapping',
  })
  @ApiErrors(
    [
      400,
      'The mapping names an unknown field or header, or the body has other fields (codes VALIDATION_FAILED, UNKNOWN_FIELD)',
    ],
    [404, 'No such tenant, or no such import for it (code NOT_FOUND)'],
    [409, 'The import is already confirmed (code IMPORT_STARTED)'],
  )
  async mapping(
    @CurrentPrincipal() who: Principal,
    @Param('tenant_id') tenant: string,
    @Param('id') id: string,
    @Body() body: ImportMappingDto,
  ) {
    return this.imports.setMapping(await this.scope(who, tenant), id, body);
  }

  @Post(':id/confirm')
  @HttpCode(202)
  @RequirePermission('onboarding.manage', { platform: true })
  @ApiBody({ type: ImportConfirmDto, required: false })
  @ApiAcceptedResponse({ type: ImportViewResponse, description: 'The import, queued' })
  @ApiErrors(
    [400, 'review is not true or false, or the body has other fields (codes VALIDATION_FAILED, UNKNOWN_FIELD)'],
    [404, 'No such tenant, or no such import for it (code NOT_FOUND)'],
    [
      409,
      'The import is already confirmed (code IMPORT_STARTED), or a required field is not mapped (code MAPPING_INCOMPLETE)',
    ],
  )
  async confirm(
    @CurrentPrincipal() who: Principal,
    @Param('tenant_id') tenant: string,
    @Param('id') id: string,
    @Body() body: ImportConfirmDto,
  ) {
    return this.imports.confirm(await this.scope(who, tenant), id, body ?? {});
  }

  @Post(':id/apply')
  @HttpCode(202)
  @RequirePermission('onboarding.manage', { platform: true })
  @ApiAcceptedResponse({ type: ImportViewResponse, description: 'The import, applying' })
  @ApiErrors(
    [400, 'This request takes no body (code UNKNOWN_FIELD)'],
    [404, 'No such tenant, or no such import for it (code NOT_FOUND)'],
    [409, 'Only a validated import can be applied (code NOT_VALIDATED)'],
  )
  async apply(@CurrentPrincipal() who: Principal, @Param('tenant_id') tenant: string, @Param('id') id: string) {
    return this.imports.apply(await this.scope(who, tenant), id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequirePermission('onboarding.manage', { platform: true })
  @ApiOkResponse({ type: ImportViewResponse, description: 'The import, cancelled: nothing of it is applied' })
  @ApiErrors(
    [400, 'This request takes no body (code UNKNOWN_FIELD)'],
    [404, 'No such tenant, or no such import for it (code NOT_FOUND)'],
    [409, 'The import is past cancelling (code NOT_CANCELLABLE)'],
  )
  async cancel(@CurrentPrincipal() who: Principal, @Param('tenant_id') tenant: string, @Param('id') id: string) {
    return this.imports.cancel(await this.scope(who, tenant), id);
  }
}
