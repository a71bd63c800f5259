import { BullModule } from '@nestjs/bull';
import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { databaseOptions } from './database/database.options';
import { FEATURES } from './features';
import { MaintenanceWorkerModule } from './maintenance/maintenance.module';
import { redisOptions } from './queues/queues';
import { RedisModule } from './redis/redis.module';
import { ImportsWorkerModule } from './imports/imports.module';
import { WebhooksWorkerModule } from './webhooks/webhooks.module';
import { ReportsWorkerModule } from './reports/reports.module';

/** Headers and fields that never reach a log line (secrets, decided detail 17). */
const REDACT = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["x-twilio-signature"]',
  'req.headers["x-floor-signature"]',
  'req.headers["x-floor-token"]',
  'req.headers["x-signature-sha256"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.secret',
  '*.token',
];

function infrastructure(config: AppConfig): DynamicModule[] {
  const destination =
    config.logDestination === 'stdout'
      ? pino.destination(1)
      : pino.destination({ dest: config.logDestination, sync: true, mkdir: true });
  return [
    ConfigModule.forRoot(config),
    LoggerModule.forRoot({
      // The gate's hot path logs no access line (thousands a second); every decision is in its audit row,
      // its latency in the metrics, and its failures are logged by the gate itself. The same for vendors'
      // deliveries: each is in the inbox, counted in the metrics, and a refusal is logged with its reason.
      exclude: [
        { method: RequestMethod.POST, path: 'api/v1/compliance/contact-check' },
        ...['generic', 'twilio', 'five9', 'convoso'].map((vendor) => ({
          method: RequestMethod.POST,
          path: `api/v1/webhooks/${vendor}/:tenant_id`,
        })),
      ],
      pinoHttp: [
        {
          level: config.logLevel,
          // The correlation id is fixed by Fastify's genReqId and written back to this header.
          genReqId: (req) => String(req.headers['x-correlation-id']),
          customProps: (req) => ({ correlation_id: req.id }),
          redact: { paths: REDACT, remove: true },
          serializers: {
            // The query string can carry a token (invitation links): log the path only.
            req: (req: { id: string; method: string; url: string }) => ({
              method: req.method,
              path: req.url.split('?')[0],
            }),
            res: (res: { statusCode: number }) => ({ status_code: res.statusCode }),
          },
        },
        destination,
      ],
    }),
    TypeOrmModule.forRoot({
      ...databaseOptions(config.databaseUrl),
      autoLoadEntities: true,
      retryAttempts: 3,
      retryDelay: 1_000,
    }),
    BullModule.forRoot({ redis: redisOptions(config.redisUrl), prefix: config.redisPrefix }),
    RedisModule,
  ] as DynamicModule[];
}

/** The HTTP process: every feature module, no queue consumers. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: AppModule, imports: [...infrastructure(config), ...FEATURES, DashboardModule] };
  }
}

/** The worker process: the same modules plus the queue processors, and no HTTP server. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ...infrastructure(config),
        ...FEATURES,
        MaintenanceWorkerModule,
        WebhooksWorkerModule,
        ImportsWorkerModule,
        ReportsWorkerModule,
      ],
    };
  }
}
