import { Module } from '@nestjs/common';
import { OffboardingController } from './offboarding.controller';
import { OffboardingService } from './offboarding.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OffboardingCase } from './offboarding-case.entity';
import { AccountsModule } from '../accounts/accounts.module';
import { UsersModule } from '../users/users.module';

@Module({
  // Keys through ApiKeysService and sessions through SessionsService (both global modules), users and
  // accounts through their modules' services.
  imports: [TypeOrmModule.forFeature([OffboardingCase]), UsersModule, AccountsModule],
  controllers: [OffboardingController],
  providers: [OffboardingService],
})
export class OffboardingModule {}
