import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { TenantSettingsController, TenantsController } from './tenants.controller';
import { TenantsService } from './tenants.service';

@Module({
  imports: [UsersModule],
  controllers: [TenantsController, TenantSettingsController],
  providers: [TenantsService],
  exports: [TenantsService],
})
export class TenantsModule {}
