import { Module } from '@nestjs/common';
import { SessionsModule } from '../auth/sessions.module';
import { OffboardingLookupModule } from '../offboarding/offboarding-lookup.module';
import { TenantDirectoryModule } from '../tenants/tenant-directory.module';
import { InvitationsController, UsersController } from './users.controller';
import { InvitationsService } from './invitations.service';
import { UsersService } from './users.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from './user.entity';
import { Invitation } from './invitation.entity';

/**
 * Users and invitations (tables `app_user`, `invitation`): other modules read and change them through
 * UsersService and InvitationsService. It asks the tenants, sessions and offboarding modules through their
 * lookup modules, which depend on the database only (those modules' main services depend on this one).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([User, Invitation]),
    SessionsModule,
    TenantDirectoryModule,
    OffboardingLookupModule,
  ],
  controllers: [UsersController, InvitationsController],
  providers: [UsersService, InvitationsService],
  exports: [UsersService, InvitationsService],
})
export class UsersModule {}
