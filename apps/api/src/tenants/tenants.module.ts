import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { TenantSettingsController, TenantsController } from './tenants.controller';
import { TenantsService } from './tenants.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Tenant } from './tenant.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Tenant]), UsersModule],
  controllers: [TenantsController, TenantSettingsController],
  providers: [TenantsService],
  exports: [TenantsService],
})
export class TenantsModule {}
