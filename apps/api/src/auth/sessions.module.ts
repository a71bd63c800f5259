import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Session } from './session.entity';
import { SessionsService } from './sessions.service';

/**
 * The browser sessions (table `session`) and their service, on their own: the users module revokes a
 * disabled user's sessions through SessionsService, and AuthModule (which re-exports this) signs users in
 * through the users module.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Session])],
  providers: [SessionsService],
  exports: [SessionsService],
})
export class SessionsModule {}
