import { Module } from '@nestjs/common';
import { InvitationsController, UsersController } from './users.controller';
import { InvitationsService } from './invitations.service';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersController, InvitationsController],
  providers: [UsersService, InvitationsService],
  exports: [UsersService, InvitationsService],
})
export class UsersModule {}
