import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Tenant } from './tenant.entity';
import { TenantDirectory } from './tenant-directory';

/**
 * The tenants module's read-only lookups (TenantDirectory), on their own: the users, auth and API-key modules
 * import this, while TenantsModule (which provisions users) imports the users module.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Tenant])],
  providers: [TenantDirectory],
  exports: [TenantDirectory],
})
export class TenantDirectoryModule {}
