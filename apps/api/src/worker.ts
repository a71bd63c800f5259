import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './app.module';
import { AppConfig, ConfigError, loadConfig, loadDotEnv } from './config/config';
import { MaintenanceService } from './maintenance/maintenance.service';

/** Starts the queue processors (no HTTP server) and schedules the repeatable jobs. */
export async function startWorker(config: AppConfig) {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.get(MaintenanceService).schedule();
  return app;
}

async function main(): Promise<void> {
  loadDotEnv();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  await startWorker(config);
}

if (require.main === module) void main();
