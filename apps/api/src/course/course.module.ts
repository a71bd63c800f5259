import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '../users/users.module';
import { CourseController } from './course.controller';
import { OperatorCourseProgress, OperatorProfile } from './course.entities';
import { CourseService } from './course.service';

/**
 * The operator course (SPEC O7): the platform operators' profiles, their progress through the course's tasks
 * and checkpoints, and the mentor's sign-offs. Separate from the tenants' onboarding checklists, which it
 * does not read.
 */
@Module({
  // The operators are users (UsersService). AuthModule, global, imports this module for the session view's
  // autonomy flag, so it is not imported here.
  imports: [TypeOrmModule.forFeature([OperatorProfile, OperatorCourseProgress]), UsersModule],
  controllers: [CourseController],
  providers: [CourseService],
  exports: [CourseService],
})
export class CourseModule {}
