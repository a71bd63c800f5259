import { Module } from '@nestjs/common';
import { InvitationsController, UsersController } from './users.controller';
import { InvitationsService } from './invitations.service';
import { UsersService } from './users.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from './user.entity';
import { Invitation } from './invitation.entity';

@Module({
  imports: [TypeOrmModule.forFeature([User, Invitation])],
  controllers: [UsersController, InvitationsController],
  providers: [UsersService, InvitationsService],
  exports: [UsersService, InvitationsService],
})
export class UsersModule {}
