import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { CourseController } from './course.controller';
import { OperatorCourseProgress, OperatorProfile } from './course.entities';
import { CourseService } from './course.service';

/**
 * The operator course (SPEC O7): the platform operators' profiles, their progress through the course's tasks
 * and checkpoints, and the mentor's sign-offs. Separate from the tenants' onboarding checklists, which it
 * does not read.
 */
@Module({
  imports: [TypeOrmModule.forFeature([OperatorProfile, OperatorCourseProgress]), AuthModule],
  controllers: [CourseController],
  providers: [CourseService],
  exports: [CourseService],
})
export class CourseModule {}
