import fastifyCompress from '@fastify/compress';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { existsSync } from 'node:fs';
import { AppModule } from './app.module';
import { registerRateLimits } from './auth/rate-limits';
import { registerSecurityHeaders } from './auth/security-headers';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { apiCompression, panelStaticOptions, UNCOMPRESSED_ROUTES } from './common/compression';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/config';
import { MetricsService } from './metrics/metrics.service';
import { RedisService } from './redis/redis.module';

export interface RegisteredRoute {
  method: string;
  url: string;
}

export interface CreatedApp {
  app: NestFastifyApplication;
  /** Every route the server answers, as Fastify registered it (the route-table test reads this). */
  routes: RegisteredRoute[];
}

const CORRELATION_HEADER = 'x-correlation-id';
const CORRELATION_ID = /^[A-Za-z0-9._-]{8,100}$/;

/** Builds the HTTP application: one port for API, docs, metrics, health and the admin panel. */
export async function createApp(config: AppConfig): Promise<CreatedApp> {
  const adapter = new FastifyAdapter({
    bodyLimit: 1024 * 1024,
    // Whose X-Forwarded-For names the client (TRUST_PROXY; by default nobody's: the socket's address is
    // the client's, so a caller cannot pick the address its sign-in attempts and rate limits count under).
    trustProxy: config.trustProxy,
    // A caller's correlation id is kept when it looks like one; otherwise a new one is made.
    genReqId: (req: IncomingMessage) => {
      const given = req.headers[CORRELATION_HEADER];
      const id = typeof given === 'string' && CORRELATION_ID.test(given) ? given : randomUUID();
      req.headers[CORRELATION_HEADER] = id;
      return id;
    },
  });
  // CSV uploads (the suppression list's import) arrive as text.
  adapter
    .getInstance()
    .addContentTypeParser(
      ['text/csv', 'text/plain'],
      { parseAs: 'string', bodyLimit: 5 * 1024 * 1024 },
      (_req, body, done) => done(null, body),
    );
  const routes: RegisteredRoute[] = [];
  const fastify = adapter.getInstance();
  fastify.addHook('onRoute', (route) => {
    // Runs before @fastify/compress's own onRoute hook (registered later), which then adds nothing to these routes.
    if (UNCOMPRESSED_ROUTES.has(route.url)) route.compress = false;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routes.push({ method: String(method), url: route.url });
  });

  // rawBody: webhooks verify signatures over the exact bytes received.
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    rawBody: true,
  });
  app.useLogger(app.get(Logger));
  registerSecurityHeaders(fastify, config);
  await app.register(fastifyCompress as never, apiCompression as never);
  await registerRateLimits(app, fastify, config, app.get(RedisService));
  // Import uploads: streamed (the blob store reads the file part as it arrives), one file, size-limited.
  // One byte over the limit lets the blob store see the excess and answer 413 (busboy alone would truncate quietly).
  await app.register(fastifyMultipart as never, {
    limits: { fileSize: config.importMaxBytes + 1, files: 1, fields: 20, fieldSize: 1024 * 1024 },
  });
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const metrics = app.get(MetricsService);
  // Callback-style hooks: an async hook costs a promise on every answer, the gate's included.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    reply.header(CORRELATION_HEADER, request.id);
    done(null, payload);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.httpDuration
      .labels(request.method, request.routeOptions?.url ?? 'unmatched', String(reply.statusCode))
      .observe(reply.elapsedTime / 1000);
    done();
  });

  // API_DOCS=false: no /api/docs, /api/docs-json or /api/docs-yaml (404).
  if (config.apiDocs) {
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Floor OS back office API')
        .setDescription(
          'Compliance gate, tenants, users and API keys. JSON is snake_case; errors are { status_code, error, message, code?, correlation_id }.',
        )
        .setVersion('1')
        .addCookieAuth('floor_session')
        .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
        .build(),
    );
    SwaggerModule.setup('api/docs', app, document);
  }

  if (config.adminDistDir && existsSync(config.adminDistDir)) {
    await app.register(fastifyStatic, panelStaticOptions(config.adminDistDir));
  }

  await app.init();
  return { app, routes };
}
