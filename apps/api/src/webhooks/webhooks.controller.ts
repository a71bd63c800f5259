import { Body, Controller, Get, Headers, HttpCode, Module, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { ListQuery, setContentRange } from '../database/list-query';
import { BullModule } from '@nestjs/bull';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, Public, RequirePermission } from '../auth/auth.decorators';
import { QUEUES } from '../queues/queues';
import { VendorsModule } from '../vendors/vendors.controller';
import { WebhooksProcessor } from './webhooks.processor';
import { WebhooksService } from './webhooks.service';

/**
 * Vendors' outcome deliveries (SPEC W1). Authenticated by signature, not by session or key. Only the generic
 * vendor is wired so far; Twilio, Five9 and Convoso arrive with their adapters.
 */
@ApiTags('webhooks')
@Controller('api/v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post('generic/:tenant_id')
  @HttpCode(202)
  @Public()
  async generic(
    @Param('tenant_id') tenantId: string,
    @Headers('x-floor-signature') signature: string | undefined,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
    @Req() request: FastifyRequest & { rawBody?: Buffer },
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.webhooks.receiveGeneric(tenantId, request.rawBody, signature, body, contentType);
    reply.status(result.status);
    return result.body;
  }
}

/** Twilio's status callbacks (form-encoded), signed with `X-Twilio-Signature`. */
@ApiTags('webhooks')
@Controller('api/v1/webhooks')
export class TwilioWebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post('twilio/:tenant_id')
  @HttpCode(202)
  @Public()
  async twilio(
    @Param('tenant_id') tenantId: string,
    @Headers('x-twilio-signature') signature: string | undefined,
    @Body() body: Record<string, string>,
    @Query() query: Record<string, string>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.webhooks.receiveTwilio(tenantId, request.url, signature, body ?? {}, query);
    reply.status(result.status);
    return result.body;
  }
}

/** IT's inbox view: deliveries with status and last error, and a replay for failed ones (SPEC W3). */
@ApiTags('webhooks')
@Controller('api/v1/webhook-deliveries')
export class WebhookDeliveriesController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @RequirePermission('webhook_health.read')
  async list(@CurrentPrincipal() who: Principal, @Query() query: ListQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const page = await this.webhooks.listDeliveries(who, query);
    setContentRange(reply, 'webhook-deliveries', page.skip, page.rows.length, page.total);
    return page.rows;
  }

  @Post(':id/replay')
  @RequirePermission('vendors.write')
  replay(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.webhooks.replay(who, id);
  }
}

@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.webhooks }), VendorsModule],
  controllers: [WebhooksController, TwilioWebhooksController, WebhookDeliveriesController],
  providers: [WebhooksService],
  exports: [WebhooksService],
})
export class WebhooksModule {}

/** The consumer side, for the worker only. */
@Module({ imports: [WebhooksModule], providers: [WebhooksProcessor] })
export class WebhooksWorkerModule {}
