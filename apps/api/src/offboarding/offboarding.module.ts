import { Module } from '@nestjs/common';
import { OffboardingController } from './offboarding.controller';
import { OffboardingService } from './offboarding.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OffboardingCase } from './offboarding-case.entity';
import { AccountsModule } from '../accounts/accounts.module';
import { UsersModule } from '../users/users.module';
import { DecisionsModule } from '../decisions/decisions.module';

@Module({
  // Keys through ApiKeysService and sessions through SessionsService (both global modules), users and
  // accounts and open disputes through their modules' services.
  imports: [TypeOrmModule.forFeature([OffboardingCase]), UsersModule, AccountsModule, DecisionsModule],
  controllers: [OffboardingController],
  providers: [OffboardingService],
})
export class OffboardingModule {}
