import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './app.module';
import { AppConfig, loadConfigOrExit } from './config/config';
import { MaintenanceService } from './maintenance/maintenance.service';
import { ReportsScheduler } from './reports/reports.module';
import { exitUnlessSpoolWritable } from './gate/gate-spool';

/** Starts the queue processors (no HTTP server) and schedules the repeatable jobs. */
export async function startWorker(config: AppConfig) {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.get(MaintenanceService).schedule();
  await app.get(ReportsScheduler).schedule();
  return app;
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  exitUnlessSpoolWritable(config.gateSpoolDir);
  await startWorker(config);
}

if (require.main === module) void main();
