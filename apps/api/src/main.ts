import 'reflect-metadata';
import { createApp } from './app.factory';
import { loadConfigOrExit } from './config/config';
import { exitUnlessSpoolWritable } from './gate/gate-spool';

/** The HTTP entry point: API, panel, docs, health and metrics on one port. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  exitUnlessSpoolWritable(config.gateSpoolDir);
  const { app } = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
}

void main();
