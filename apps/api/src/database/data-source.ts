import { DataSource } from 'typeorm';
import { loadConfig, loadDotEnv } from '../config/config';
import { databaseOptions } from './database.options';
import { moduleEntities } from './module-entities';

// For the TypeORM CLI, which wants a file exporting exactly one DataSource.
loadDotEnv();
export const dataSource = new DataSource({ ...databaseOptions(loadConfig().databaseUrl), entities: moduleEntities() });
