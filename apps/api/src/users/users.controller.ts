import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { IdParam } from '../common/request-names';
import { ApiTags } from '@nestjs/swagger';
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
  get(@CurrentPrincipal() who: Principal, @Param('id', IdParam) id: string): Promise<UserView> {
    return this.users.get(who, id);
  }

  @Post()
  @RequirePermission('users.write')
  create(@CurrentPrincipal() who: Principal, @Body() dto: CreateUserDto): Promise<UserView & IssuedInvitation> {
    return this.users.create(who, dto);
  }

  @Put(':id')
  @RequirePermission('users.write')
  update(@CurrentPrincipal() who: Principal, @Param('id', IdParam) id: string, @Body() dto: UpdateUserDto): Promise<UserView> {
    return this.users.update(who, id, dto);
  }

  @Delete(':id')
  @RequirePermission('users.write')
  disable(@CurrentPrincipal() who: Principal, @Param('id', IdParam) id: string): Promise<UserView> {
    return this.users.disable(who, id);
  }

  @Post(':id/invitation')
  @RequirePermission('users.write')
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
  accept(@Body() dto: AcceptInvitationDto): Promise<{ email: string }> {
    return this.invitations.accept(dto.token, dto.password);
  }
}
