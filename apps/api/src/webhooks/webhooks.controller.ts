import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { ListQuery, setContentRange } from '../database/list-query';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors, ApiList } from '../common/openapi';
import {
  GenericOutcomeBody,
  TwilioCallbackBody,
  WebhookDeliveryResponse,
  WebhookHealthResponse,
  WebhookReceiptResponse,
} from './dto/webhook.response';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, Public, RequirePermission } from '../auth/auth.decorators';
import { WebhookHealthService } from './webhook-health.service';
import { HmacOrTokenVendor, WebhookIntakeService } from './webhook-intake.service';

/**
 * Vendors' outcome deliveries (SPEC W1). Authenticated by signature, not by session or key: 401 when it does
 * not verify, 202 when stored in the inbox, 200 `{duplicate: true}` for a delivery already stored.
 *
 * The one documented exception to typed DTOs (docs/development.md, "Validation"): a delivery's body stays
 * `unknown` because the signature is checked over the raw bytes before anything in the body is believed. A
 * DTO would run the global pipe first, so an unsigned caller would be answered 400 about the fields instead
 * of 401, and could probe the parser without the secret; the body is also the vendor's own shape (its keys
 * are the vendor's), stored as received. After verification the intake reads it field by field (400 with
 * `fields` for a verified delivery it cannot read).
 */
@ApiTags('webhooks')
@Controller('api/v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhookIntakeService) {}

  @Post('generic/:tenant_id')
  @HttpCode(202)
  @Public()
  @ApiHeader({
    name: 'X-Floor-Signature',
    required: true,
    description:
      'HMAC-SHA256 over the timestamp and the raw body with the vendor card\'s secret (README, "Connecting a dialer")',
  })
  @ApiBody({ type: GenericOutcomeBody })
  @ApiAcceptedResponse({ type: WebhookReceiptResponse, description: 'Stored in the inbox; processed by the worker' })
  @ApiOkResponse({ type: WebhookReceiptResponse, description: 'This event id was stored before (duplicate: true)' })
  @ApiErrors(
    [400, 'The delivery verified but its outcome cannot be read: `fields` says why (code VALIDATION_FAILED)'],
    [401, 'X-Floor-Signature does not verify, or the tenant is unknown (code BAD_SIGNATURE); nothing is stored'],
    [413, 'The body is larger than 1 MiB'],
    [429, 'Too many refused deliveries from this address for this tenant (code RATE_LIMITED)'],
  )
  async generic(
    @Param('tenant_id') tenantId: string,
    @Headers('x-floor-signature') signature: string | undefined,
    @Headers('content-type') contentType: string | undefined,
    // Signed raw body: verified before it is read (see above), so no DTO.
    @Body() body: unknown,
    @Req() request: FastifyRequest & { rawBody?: Buffer },
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.webhooks.receiveGeneric(
      { request, reply },
      tenantId,
      request.rawBody,
      signature,
      body,
      contentType,
    );
    reply.status(result.status);
    return result.body;
  }
}

/** Twilio's status callbacks (form-encoded), signed with `X-Twilio-Signature`. */
@ApiTags('webhooks')
@Controller('api/v1/webhooks')
export class TwilioWebhooksController {
  constructor(private readonly webhooks: WebhookIntakeService) {}

  @Post('twilio/:tenant_id')
  @HttpCode(202)
  @Public()
  @ApiHeader({
    name: 'X-Twilio-Signature',
    required: true,
    description: "Twilio's signature with the account's auth token (the vendor card's secret)",
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TwilioCallbackBody })
  @ApiAcceptedResponse({ type: WebhookReceiptResponse, description: 'Stored in the inbox; processed by the worker' })
  @ApiOkResponse({ type: WebhookReceiptResponse, description: 'This event id was stored before (duplicate: true)' })
  @ApiErrors(
    [400, 'The delivery verified but its outcome cannot be read: `fields` says why (code VALIDATION_FAILED)'],
    [401, 'X-Twilio-Signature does not verify, or the tenant is unknown (code BAD_SIGNATURE); nothing is stored'],
    [413, 'The body is larger than 1 MiB'],
    [429, 'Too many refused deliveries from this address for this tenant (code RATE_LIMITED)'],
  )
  async twilio(
    @Param('tenant_id') tenantId: string,
    @Headers('x-twilio-signature') signature: string | undefined,
    // Twilio signs the URL and every form field, whatever they are: all of them are verified before any is
    // read (see WebhooksController), so neither is a DTO.
    @Body() body: Record<string, string>,
    @Query() query: Record<string, string>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.webhooks.receiveTwilio(
      { request, reply },
      tenantId,
      request.url,
      signature,
      body ?? {},
      query,
    );
    reply.status(result.status);
    return result.body;
  }
}

/**
 * Five9 (Web Connector) and Convoso (Connect) deliveries, form-encoded or JSON. They prove themselves with
 * `X-Signature-SHA256` = hex HMAC-SHA256(secret, raw body), or the card's secret as a token in
 * `X-Floor-Token` or `?token=` (README, "Connecting a dialer", has a worked example for each).
 */
@ApiTags('webhooks')
@Controller('api/v1/webhooks')
export class HmacWebhooksController {
  constructor(private readonly webhooks: WebhookIntakeService) {}

  @Post('five9/:tenant_id')
  @HttpCode(202)
  @Public()
  @ApiHeader({
    name: 'X-Signature-SHA256',
    required: false,
    description: "Hex HMAC-SHA256 of the raw body with the vendor card's secret",
  })
  @ApiHeader({
    name: 'X-Floor-Token',
    required: false,
    description: "Or the card's secret as a token (also `?token=`)",
  })
  @ApiQuery({ name: 'token', required: false, description: "The card's secret as a token" })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiBody({
    schema: {
      type: 'object',
      additionalProperties: true,
      description: 'The vendor\'s own fields (README, "Connecting a dialer")',
    },
  })
  @ApiAcceptedResponse({ type: WebhookReceiptResponse, description: 'Stored in the inbox; processed by the worker' })
  @ApiOkResponse({ type: WebhookReceiptResponse, description: 'This event id was stored before (duplicate: true)' })
  @ApiErrors(
    [400, 'The delivery verified but its outcome cannot be read: `fields` says why (code VALIDATION_FAILED)'],
    [
      401,
      'Neither X-Signature-SHA256 nor the token does not verify, or the tenant is unknown (code BAD_SIGNATURE); nothing is stored',
    ],
    [413, 'The body is larger than 1 MiB'],
    [429, 'Too many refused deliveries from this address for this tenant (code RATE_LIMITED)'],
  )
  five9(
    @Param('tenant_id') tenantId: string,
    @Headers() headers: Record<string, string | undefined>,
    @Query('token') token: string | undefined,
    // Signed raw body (or token): verified before it is read (see WebhooksController), so no DTO.
    @Body() body: unknown,
    @Req() request: FastifyRequest & { rawBody?: Buffer },
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.receive('five9', tenantId, headers, token, body, request, reply);
  }

  @Post('convoso/:tenant_id')
  @HttpCode(202)
  @Public()
  @ApiHeader({
    name: 'X-Signature-SHA256',
    required: false,
    description: "Hex HMAC-SHA256 of the raw body with the vendor card's secret",
  })
  @ApiHeader({
    name: 'X-Floor-Token',
    required: false,
    description: "Or the card's secret as a token (also `?token=`)",
  })
  @ApiQuery({ name: 'token', required: false, description: "The card's secret as a token" })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiBody({
    schema: {
      type: 'object',
      additionalProperties: true,
      description: 'The vendor\'s own fields (README, "Connecting a dialer")',
    },
  })
  @ApiAcceptedResponse({ type: WebhookReceiptResponse, description: 'Stored in the inbox; processed by the worker' })
  @ApiOkResponse({ type: WebhookReceiptResponse, description: 'This event id was stored before (duplicate: true)' })
  @ApiErrors(
    [400, 'The delivery verified but its outcome cannot be read: `fields` says why (code VALIDATION_FAILED)'],
    [
      401,
      'Neither X-Signature-SHA256 nor the token does not verify, or the tenant is unknown (code BAD_SIGNATURE); nothing is stored',
    ],
    [413, 'The body is larger than 1 MiB'],
    [429, 'Too many refused deliveries from this address for this tenant (code RATE_LIMITED)'],
  )
  convoso(
    @Param('tenant_id') tenantId: string,
    @Headers() headers: Record<string, string | undefined>,
    @Query('token') token: string | undefined,
    // Signed raw body (or token): verified before it is read (see WebhooksController), so no DTO.
    @Body() body: unknown,
    @Req() request: FastifyRequest & { rawBody?: Buffer },
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.receive('convoso', tenantId, headers, token, body, request, reply);
  }

  private async receive(
    vendor: HmacOrTokenVendor,
    tenantId: string,
    headers: Record<string, string | undefined>,
    queryToken: string | undefined,
    body: unknown,
    request: FastifyRequest & { rawBody?: Buffer },
    reply: FastifyReply,
  ) {
    const proof = { signature: headers['x-signature-sha256'], token: headers['x-floor-token'] ?? queryToken };
    const result = await this.webhooks.receiveHmacOrToken(
      { request, reply },
      vendor,
      tenantId,
      request.rawBody,
      proof,
      body,
      headers['content-type'],
    );
    reply.status(result.status);
    return result.body;
  }
}

/** W5 on IT's home: success rate, failures by reason, last delivery per dialer. */
@ApiTags('webhooks')
@Controller('api/v1/webhook-health')
export class WebhookHealthController {
  constructor(private readonly webhooks: WebhookHealthService) {}

  @Get()
  @RequirePermission('webhook_health.read')
  @ApiQuery({
    name: 'hours',
    required: false,
    description: 'The window: 1 to 2160 hours (default 24)',
    schema: { type: 'integer', minimum: 1, maximum: 2160, default: 24 },
  })
  @ApiOkResponse({ type: WebhookHealthResponse })
  @ApiErrors([400, 'hours is not a whole number from 1 to 2160 (code VALIDATION_FAILED)'])
  health(@CurrentPrincipal() who: Principal, @Query('hours') hours: string | undefined) {
    const window = hours === undefined ? 24 : Number(hours);
    if (!Number.isInteger(window) || window < 1 || window > 24 * 90) {
      throw new BadRequestException({
        message: 'Validation failed',
        code: 'VALIDATION_FAILED',
        fields: { hours: ['hours must be a whole number from 1 to 2160'] },
      });
    }
    return this.webhooks.health(who, window);
  }
}

/** IT's inbox view: deliveries with status and last error, and a replay for failed ones (SPEC W3). */
@ApiTags('webhooks')
@Controller('api/v1/webhook-deliveries')
export class WebhookDeliveriesController {
  constructor(private readonly webhooks: WebhookHealthService) {}

  @Get()
  @RequirePermission('webhook_health.read')
  @ApiList(WebhookDeliveryResponse, 'webhook-deliveries', 'One page of deliveries (never the raw body)')
  async list(
    @CurrentPrincipal() who: Principal,
    @Query() query: ListQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const page = await this.webhooks.listDeliveries(who, query);
    setContentRange(reply, 'webhook-deliveries', page.skip, page.rows.length, page.total);
    return page.rows;
  }

  @Post(':id/replay')
  @RequirePermission('vendors.write')
  @ApiCreatedResponse({
    type: WebhookDeliveryResponse,
    description: 'The delivery, pending again: the worker processes it once more',
  })
  @ApiErrors([400, 'This request takes no body (code UNKNOWN_FIELD)'], 404, [
    409,
    'Only a failed delivery can be replayed (code NOT_FAILED)',
  ])
  replay(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.webhooks.replay(who, id);
  }
}
