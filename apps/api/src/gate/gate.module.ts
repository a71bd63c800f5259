import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AgentDirectory } from './agent-directory';
import { DecisionBatcher } from './decision-batcher';
import { GateController } from './gate.controller';
import { GateHealthIndicator } from './gate.health';
import { GatePool } from './gate.pool';
import { GateService } from './gate.service';
import { GateSpool } from './gate-spool';
import { TenantSettingsCache } from './tenant-settings.cache';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ComplianceEvent } from './compliance-event.entity';
import { ContactAttempt } from './contact-attempt.entity';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ComplianceEvent, ContactAttempt]), TerminusModule],
  controllers: [GateController],
  providers: [
    GateService,
    DecisionBatcher,
    GatePool,
    GateSpool,
    TenantSettingsCache,
    AgentDirectory,
    GateHealthIndicator,
  ],
  exports: [GateService, GatePool, TenantSettingsCache, GateHealthIndicator, GateSpool, AgentDirectory],
})
export class GateModule {}
