import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CourseController } from './course.controller';
import { CourseService } from './course.service';
import { HealthProbeRegistry } from './health-probes';
import { OnboardingService } from './onboarding.service';
import { OnboardingController } from './onboarding.controller';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OnboardingChecklist, OnboardingStep, TenantHealthCheck } from './onboarding.entities';
import { OperatorProfile, OperatorCourseProgress } from './course.entities';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      OnboardingChecklist,
      OnboardingStep,
      TenantHealthCheck,
      OperatorProfile,
      OperatorCourseProgress,
    ]),
    AuthModule,
  ],
  controllers: [OnboardingController, CourseController],
  providers: [OnboardingService, HealthProbeRegistry, CourseService],
  exports: [OnboardingService, HealthProbeRegistry, CourseService],
})
export class OnboardingModule {}
