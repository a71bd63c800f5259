import { Global, Module } from '@nestjs/common';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKey } from './api-key.entity';
import { TenantDirectoryModule } from '../tenants/tenant-directory.module';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ApiKey]), TenantDirectoryModule],
  controllers: [ApiKeysController],
  providers: [ApiKeysService],
  exports: [ApiKeysService],
})
export class ApiKeysModule {}
