import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OffboardingCase } from './offboarding-case.entity';
import { OffboardingLookup } from './offboarding-lookup';

/** OffboardingLookup on its own, for the users module (OffboardingModule imports the users module). */
@Module({
  imports: [TypeOrmModule.forFeature([OffboardingCase])],
  providers: [OffboardingLookup],
  exports: [OffboardingLookup],
})
export class OffboardingLookupModule {}
