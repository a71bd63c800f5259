import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { LiveResponse } from './dto/health.response';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { GateHealthIndicator } from '../gate/gate.health';
import { RedisHealthIndicator } from './redis.health';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly gate: GateHealthIndicator,
  ) {}

  /** The process runs and answers. */
  @Get('live')
  @Public()
  @ApiOkResponse({ type: LiveResponse })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready for traffic: the database and Redis answer and the gate is not failing closed. 503 names what is down. */
  @Get('ready')
  @Public()
  @HealthCheck()
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult & { message?: string }> {
    try {
      return await this.health.check([
        () => this.database.pingCheck('database', { timeout: 1_500 }),
        () => this.redis.check('redis'),
        () => this.gate.check('gate'),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const body = error.getResponse() as HealthCheckResult;
      const down = Object.keys(body.error ?? {});
      reply.status(503);
      return { ...body, message: `Not ready: ${down.join(' and ')} ${down.length > 1 ? 'are' : 'is'} down` };
    }
  }
}
