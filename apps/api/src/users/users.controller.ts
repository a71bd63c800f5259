import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { IdParam } from '../common/request-names';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiList } from '../common/openapi';
import {
  AcceptedInvitationResponse,
  InvitedUserResponse,
  IssuedInvitationResponse,
  UserResponse,
} from './dto/user.response';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Public, RequirePermission } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ListQuery, setContentRange } from '../database/list-query';
import { AcceptInvitationDto, CreateUserDto, UpdateUserDto } from './dto/user.dto';
import { InvitationsService, IssuedInvitation } from './invitations.service';
import { UsersService } from './users.service';
import { UserView } from './users.mapper';

@ApiTags('users')
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequirePermission('users.read')
  @ApiList(UserResponse, 'users')
  async list(
    @CurrentPrincipal() who: Principal,
    @Query() query: ListQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserView[]> {
    const page = await this.users.list(who, query);
    setContentRange(reply, 'users', page.skip, page.rows.length, page.total);
    return page.rows;
  }

  @Get(':id')
  @RequirePermission('users.read')
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors(404)
  get(@CurrentPrincipal() who: Principal, @Param('id', IdParam) id: string): Promise<UserView> {
    return this.users.get(who, id);
  }

  @Post()
  @RequirePermission('users.write')
  @ApiCreatedResponse({ type: InvitedUserResponse, description: 'The user, invited: send them the one-time link' })
  @ApiErrors(
    [400, 'A field is missing or not valid (code VALIDATION_FAILED)'],
    [409, 'A user with this email exists already (code EMAIL_TAKEN)'],
  )
  create(@CurrentPrincipal() who: Principal, @Body() dto: CreateUserDto): Promise<UserView & IssuedInvitation> {
    return this.users.create(who, dto);
  }

  @Put(':id')
  @RequirePermission('users.write')
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors([400, 'A field is not valid (code VALIDATION_FAILED)'], 404, [
    409,
    'You cannot remove your own Tenant Admin persona or change your own status (code SELF_LOCKOUT); an invited user becomes active by accepting (code USER_NOT_ACCEPTED); a user with an open offboarding case changes through the case (code USER_OFFBOARDING)',
  ])
  update(
    @CurrentPrincipal() who: Principal,
    @Param('id', IdParam) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserView> {
    return this.users.update(who, id, dto);
  }

  @Delete(':id')
  @RequirePermission('users.write')
  @ApiOkResponse({ type: UserResponse, description: 'The user, disabled (sign-in refused, sessions ended)' })
  @ApiErrors([400, 'This request takes no body (code UNKNOWN_FIELD)'], 404, [
    409,
    'You cannot change your own status (code SELF_LOCKOUT), or the user has an open offboarding case (code USER_OFFBOARDING)',
  ])
  disable(@CurrentPrincipal() who: Principal, @Param('id', IdParam) id: string): Promise<UserView> {
    return this.users.disable(who, id);
  }

  @Post(':id/invitation')
  @RequirePermission('users.write')
  @ApiCreatedResponse({
    type: IssuedInvitationResponse,
    description: 'A new one-time link; the earlier one stops working',
  })
  @ApiErrors([400, 'This request takes no body (code UNKNOWN_FIELD)'], 404, [
    409,
    'Only users who have not accepted yet get a new link (code USER_NOT_INVITED)',
  ])
  reissue(@CurrentPrincipal() who: Principal, @Param('id', IdParam) id: string): Promise<IssuedInvitation> {
    return this.users.reissueInvitation(who, id);
  }
}

@ApiTags('users')
@Controller('api/v1/invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post('accept')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({
    type: AcceptedInvitationResponse,
    description: 'The account is active: sign in with this email and the password',
  })
  @ApiErrors(
    [400, 'token or password is missing or not valid (code VALIDATION_FAILED)'],
    [404, 'The link is not valid, or was used already (code INVITATION_NOT_FOUND)'],
    [409, 'The account is no longer waiting for an invitation (code USER_NOT_INVITED)'],
    [410, 'The link has expired (code INVITATION_EXPIRED)'],
    [429, 'Too many attempts from this address (code RATE_LIMITED)'],
  )
  accept(@Body() dto: AcceptInvitationDto): Promise<{ email: string }> {
    return this.invitations.accept(dto.token, dto.password);
  }
}
