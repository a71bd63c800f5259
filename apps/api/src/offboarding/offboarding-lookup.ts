import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OffboardingCase } from './offboarding-case.entity';

/**
 * The offboarding module's answer to other modules' question about a user: is an offboarding case open for
 * them? Read-only, and it depends on the database only, so the users module can ask it although
 * OffboardingService depends on the users module.
 */
@Injectable()
export class OffboardingLookup {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Whether the user has an open offboarding case (decided detail 28: they are changed through it only). */
  hasOpenCase(userId: string, manager: EntityManager = this.db.manager): Promise<boolean> {
    return manager.getRepository(OffboardingCase).existsBy({ userId, status: 'open' });
  }
}
