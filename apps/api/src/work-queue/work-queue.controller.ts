import type { QueueAssignmentResult, QueueItemView, TeamAgentView } from '@floor-os/contracts';
import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiList } from '../common/openapi';
import { QueueAssignmentDto } from './dto/queue-assignment.dto';
import { QueueAssignmentResponse, QueueItemResponse, TeamAgentResponse } from './dto/queue.response';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { ListQuery, parseListQuery, setContentRange } from '../database/list-query';
import { WorkQueueService } from './work-queue.service';

@ApiTags('queues')
@Controller('api/v1')
export class WorkQueueController {
  constructor(private readonly queues: WorkQueueService) {}

  @Get('my-queue')
  @RequirePermission('queue.read')
  @ApiList(QueueItemResponse, 'my-queue', "The agent's queue: priority first, then accounts that may be contacted now")
  async mine(
    @CurrentPrincipal() who: Principal,
    @Query() query: ListQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<QueueItemView[]> {
    const page = await this.queues.myQueue(who, query);
    setContentRange(reply, 'my-queue', page.skip, page.rows.length, page.total);
    return page.rows;
  }

  @Get('team-queue')
  @RequirePermission('team_queue.read')
  @ApiList(
    QueueItemResponse,
    'team-queue',
    "The team's accounts and the unassigned ones (filters: agent_id, unassigned, state, q)",
  )
  async team(
    @CurrentPrincipal() who: Principal,
    @Query() query: ListQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<QueueItemView[]> {
    const page = await this.queues.teamQueue(who, query);
    setContentRange(reply, 'team-queue', page.skip, page.rows.length, page.total);
    return page.rows;
  }

  @Get('team-agents')
  @RequirePermission('team_queue.read')
  @ApiList(TeamAgentResponse, 'team-agents', "The manager's team on one page")
  async agents(
    @CurrentPrincipal() who: Principal,
    @Query() query: ListQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TeamAgentView[]> {
    // A manager's team fits one page; the list query is checked like any other and sorts the page.
    const parsed = parseListQuery(query, {
      fields: { name: '', agent_code: '', assigned_count: '' },
      defaultSort: ['name', 'ASC'],
      maxPageSize: 500,
    });
    const [field, order] = parsed.sort;
    const rows = (await this.queues.teamAgents(who)).sort((a, b) => {
      const x = a[field as 'name' | 'agent_code' | 'assigned_count'] ?? '';
      const y = b[field as 'name' | 'agent_code' | 'assigned_count'] ?? '';
      return (x < y ? -1 : x > y ? 1 : 0) * (order === 'ASC' ? 1 : -1);
    });
    setContentRange(reply, 'team-agents', 0, rows.length, rows.length);
    return rows;
  }

  @Post('queue-assignments')
  @HttpCode(200)
  @RequirePermission('queue.assign')
  @ApiOkResponse({ type: QueueAssignmentResponse })
  @ApiErrors([
    400,
    'A field is not valid, the agent is not on your team, or an account is not found or on another team (codes VALIDATION_FAILED, UNKNOWN_FIELD)',
  ])
  assign(@CurrentPrincipal() who: Principal, @Body() body: QueueAssignmentDto): Promise<QueueAssignmentResult> {
    return this.queues.assign(who, body);
  }
}
