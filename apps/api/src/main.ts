import 'reflect-metadata';
import { createApp } from './app.factory';
import { ConfigError, loadConfig, loadDotEnv } from './config/config';

/** The HTTP entry point: API, panel, docs, health and metrics on one port. */
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
  const { app } = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
}

void main();
