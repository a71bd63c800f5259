import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CourseController } from './course.controller';
import { CourseService } from './course.service';
import { HealthProbeRegistry } from './health-probes';
import { OnboardingService } from './onboarding.service';
import { OnboardingController } from './onboarding.controller';

@Module({
  imports: [AuthModule],
  controllers: [OnboardingController, CourseController],
  providers: [OnboardingService, HealthProbeRegistry, CourseService],
  exports: [OnboardingService, HealthProbeRegistry, CourseService],
})
export class OnboardingModule {}
