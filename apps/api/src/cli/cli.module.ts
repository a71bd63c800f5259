import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminChangesModule } from '../admin-changes/admin-changes.module';
import { AppConfig } from '../config/config';
import { ConfigModule } from '../config/config.module';
import { databaseOptions } from '../database/database.options';
import { moduleEntities } from '../database/module-entities';
import { TenantsModule } from '../tenants/tenants.module';

/** What the command-line tools need: the database and the tenant/user services, no HTTP, no queues. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        // The tools reach tables of modules they do not import (provisioning writes users, invitations, a checklist).
        TypeOrmModule.forRoot({ ...databaseOptions(config.databaseUrl), entities: moduleEntities(), retryAttempts: 0 }),
        AdminChangesModule,
        TenantsModule,
      ],
    };
  }
}

export async function createCliContext(config: AppConfig) {
  return NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: false, abortOnError: false });
}
