import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { ReadModelModule } from '../reports/read-model/read-model.module';
import { HealthProbeRegistry } from './health-probes';
import { OnboardingController } from './onboarding.controller';
import { OnboardingChecklist, OnboardingStep, TenantHealthCheck } from './onboarding.entities';
import { OnboardingService } from './onboarding.service';

/** The tenants' onboarding checklists (SPEC O1–O7): templates, steps that flip themselves, health checks. */
@Module({
  imports: [
    TypeOrmModule.forFeature([OnboardingChecklist, OnboardingStep, TenantHealthCheck]),
    AuthModule,
    ReadModelModule,
  ],
  controllers: [OnboardingController],
  providers: [OnboardingService, HealthProbeRegistry],
  exports: [OnboardingService, HealthProbeRegistry],
})
export class OnboardingModule {}
