import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { SignInLockout } from './sign-in-lockout';
import { SsoClients } from './sso/sso-clients';
import { SsoSettingsController, SsoSignInController } from './sso/sso.controller';
import { SsoSettingsService } from './sso/sso-settings.service';
import { SsoSignInService } from './sso/sso-sign-in.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CourseModule } from '../course/course.module';
import { TenantDirectoryModule } from '../tenants/tenant-directory.module';
import { UsersModule } from '../users/users.module';
import { SessionsModule } from './sessions.module';
import { SsoConfig, SsoEmailDomain } from './sso/sso.entities';

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([SsoConfig, SsoEmailDomain]),
    SessionsModule,
    UsersModule,
    TenantDirectoryModule,
    CourseModule,
  ],
  controllers: [AuthController, SsoSettingsController, SsoSignInController],
  providers: [
    AuthService,
    SignInLockout,
    SsoClients,
    SsoSettingsService,
    SsoSignInService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  // Every module may check or revoke sessions (AuthModule is global).
  exports: [SessionsModule],
})
export class AuthModule {}
