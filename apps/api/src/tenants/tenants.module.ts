import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { TenantDirectoryModule } from './tenant-directory.module';
import { TenantSettingsController, TenantsController } from './tenants.controller';
import { TenantsService } from './tenants.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Tenant } from './tenant.entity';

/**
 * Tenants (table `tenant`): TenantsService changes them (provisioning a tenant's first Tenant Admin through
 * UsersService); other modules read one tenant through TenantDirectory (tenant-directory.module.ts, which
 * the users module imports without this module's dependency on it).
 */
@Module({
  imports: [TypeOrmModule.forFeature([Tenant]), UsersModule, TenantDirectoryModule],
  controllers: [TenantsController, TenantSettingsController],
  providers: [TenantsService],
  exports: [TenantsService, TenantDirectoryModule],
})
export class TenantsModule {}
