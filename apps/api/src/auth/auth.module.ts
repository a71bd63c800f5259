import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { SessionsService } from './sessions.service';
import { SignInLockout } from './sign-in-lockout';
import { SsoClients } from './sso/sso-clients';
import { SsoSettingsController, SsoSignInController } from './sso/sso.controller';
import { SsoSettingsService } from './sso/sso-settings.service';
import { SsoSignInService } from './sso/sso-sign-in.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Session } from './session.entity';
import { SsoConfig, SsoEmailDomain } from './sso/sso.entities';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Session, SsoConfig, SsoEmailDomain])],
  controllers: [AuthController, SsoSettingsController, SsoSignInController],
  providers: [
    AuthService,
    SessionsService,
    SignInLockout,
    SsoClients,
    SsoSettingsService,
    SsoSignInService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [SessionsService],
})
export class AuthModule {}
