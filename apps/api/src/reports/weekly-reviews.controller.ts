import { Body, Controller, Get, HttpStatus, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiFile, ApiList } from '../common/openapi';
import { ReviewActionResponse, WeeklyReviewResponse, WeeklyReviewSummaryResponse } from './dto/weekly-review.response';
import {
  CreateReviewActionDto,
  GenerateWeeklyReviewDto,
  UpdateReviewActionDto,
  WeeklyReviewMinutesDto,
} from './dto/weekly-review.dto';
import type { ReviewActionView, WeeklyReviewSummary, WeeklyReviewView } from '@floor-os/contracts';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../common/request-names';
import { ListQuery, setContentRange } from '../database/list-query';
import { WeeklyReviewService } from './weekly-review.service';

/**
 * The stored WeeklyReviews (SPEC P2) and the meeting's minutes and action items beside them. Reading takes
 * `weekly_review.read` (Compliance personas, Executive); generating a week by hand `reports.sign` (the
 * Compliance Director); minutes and actions `weekly_review.minutes` (Director and Officer) to write, and
 * `weekly_review.read` to read, as the review itself.
 */
@ApiTags('reports')
@Controller('api/v1/reports/weekly-reviews')
export class WeeklyReviewsController {
  constructor(private readonly reviews: WeeklyReviewService) {}

  @Get()
  @RequirePermission('weekly_review.read')
  @ApiList(WeeklyReviewSummaryResponse, 'weekly-reviews', 'One page of stored weekly reviews, newest week first')
  async list(
    @CurrentPrincipal() who: Principal,
    @Query() query: ListQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WeeklyReviewSummary[]> {
    const page = await this.reviews.list(who, query);
    setContentRange(reply, 'weekly-reviews', page.skip, page.rows.length, page.total);
    return page.rows;
  }

  @Post()
  @RequirePermission('reports.sign')
  @ApiBody({ type: GenerateWeeklyReviewDto, required: false })
  @ApiCreatedResponse({ type: WeeklyReviewResponse, description: 'The review of that week, generated now' })
  @ApiOkResponse({
    type: WeeklyReviewResponse,
    description: 'The review of that week, stored before (a week is generated once)',
  })
  @ApiErrors([
    400,
    'week_start is not a Monday of a finished week within reach, or the body has other fields (codes INVALID_WEEK, WEEK_NOT_FINISHED, UNKNOWN_FIELD)',
  ])
  async generate(
    @CurrentPrincipal() who: Principal,
    @Body() body: GenerateWeeklyReviewDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WeeklyReviewView> {
    const { review, created } = await this.reviews.generateByHand(who, body);
    reply.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return review;
  }

  @Get(':id')
  @RequirePermission('weekly_review.read')
  @ApiOkResponse({ type: WeeklyReviewResponse })
  @ApiErrors(404)
  get(@CurrentPrincipal() who: Principal, @Param('id', IdParam) id: string): Promise<WeeklyReviewView> {
    return this.reviews.get(who, id);
  }

  @Get(':id/pdf')
  @RequirePermission('weekly_review.read')
  @ApiFile('application/pdf', 'The stored PDF; `X-Content-SHA256` carries its SHA-256')
  @ApiErrors(404)
  async pdf(
    @CurrentPrincipal() who: Principal,
    @Param('id', IdParam) id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { bytes, sha256, filename } = await this.reviews.pdf(who, id);
    await reply
      .header('Content-Type', 'application/pdf')
      .header('Content-Disposition', `attachment; filename="${filename}"`)
      .header('X-Content-SHA256', sha256.trim())
      .send(bytes);
  }

  @Put(':id/minutes')
  @RequirePermission('weekly_review.minutes')
  @ApiOkResponse({ type: WeeklyReviewResponse, description: 'The review with its minutes' })
  @ApiErrors(
    [400, 'text is not a string or is too long, or the body has other fields (codes VALIDATION_FAILED, UNKNOWN_FIELD)'],
    404,
  )
  minutes(
    @CurrentPrincipal() who: Principal,
    @Param('id', IdParam) id: string,
    @Body() body: WeeklyReviewMinutesDto,
  ): Promise<WeeklyReviewView> {
    return this.reviews.putMinutes(who, id, body);
  }

  @Get(':id/actions')
  @RequirePermission('weekly_review.read')
  @ApiList(
    ReviewActionResponse,
    'actions',
    "One page of the review's action items, with open ones carried from earlier weeks",
  )
  @ApiErrors(404)
  async actions(
    @CurrentPrincipal() who: Principal,
    @Param('id', IdParam) id: string,
    @Query() query: ListQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReviewActionView[]> {
    const page = await this.reviews.actionPage(who, id, query);
    setContentRange(reply, 'actions', page.skip, page.rows.length, page.total);
    return page.rows;
  }

  @Post(':id/actions')
  @RequirePermission('weekly_review.minutes')
  @ApiCreatedResponse({ type: ReviewActionResponse })
  @ApiErrors(
    [
      400,
      'title, owner_id or due_date is not valid, or the body has other fields (codes VALIDATION_FAILED, UNKNOWN_FIELD)',
    ],
    404,
  )
  createAction(
    @CurrentPrincipal() who: Principal,
    @Param('id', IdParam) id: string,
    @Body() body: CreateReviewActionDto,
  ): Promise<ReviewActionView> {
    return this.reviews.createAction(who, id, body);
  }

  @Put(':id/actions/:action_id')
  @RequirePermission('weekly_review.minutes')
  @ApiOkResponse({ type: ReviewActionResponse })
  @ApiErrors(
    [400, 'A field is not valid, none is sent, or the body has other fields (codes VALIDATION_FAILED, UNKNOWN_FIELD)'],
    404,
  )
  updateAction(
    @CurrentPrincipal() who: Principal,
    @Param('id', IdParam) id: string,
    @Param('action_id', IdParam) actionId: string,
    @Body() body: UpdateReviewActionDto,
  ): Promise<ReviewActionView> {
    return this.reviews.updateAction(who, id, actionId, body);
  }
}
