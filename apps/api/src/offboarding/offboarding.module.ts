import { Module } from '@nestjs/common';
import { OffboardingController } from './offboarding.controller';
import { OffboardingService } from './offboarding.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OffboardingCase } from './offboarding-case.entity';

@Module({
  imports: [TypeOrmModule.forFeature([OffboardingCase])],
  controllers: [OffboardingController],
  providers: [OffboardingService],
})
export class OffboardingModule {}
