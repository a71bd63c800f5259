import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig, loadDotEnv, repositoryRoot } from '../config/config';
import { ensureDatabase } from '../database/database-admin';
import { databaseOptions } from '../database/database.options';
import { pendingSchemaChanges, runMigrations } from '../database/migrations';

const USAGE = 'usage: migrate run | revert | generate <kebab-name>';

function escape(sql: string): string {
  return sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

/** `migrate run` (creates the database if needed), `migrate revert`, `migrate generate <name>`. */
async function main(argv: string[]): Promise<number> {
  loadDotEnv();
  const config = loadConfig();
  const [command, name] = argv;
  if (command === 'run') {
    if (await ensureDatabase(config.databaseUrl)) console.log('created the database');
    const applied = await runMigrations(config.databaseUrl);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
    return 0;
  }
  if (command === 'revert') {
    const db = await new DataSource(databaseOptions(config.databaseUrl)).initialize();
    await db.undoLastMigration({ transaction: 'each' });
    await db.destroy();
    console.log('reverted the last migration');
    return 0;
  }
  if (command === 'generate') {
    if (!name || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) {
      console.error(`generate needs a kebab-case name. ${USAGE}`);
      return 2;
    }
    const { up, down } = await pendingSchemaChanges(config.databaseUrl);
    if (up.length === 0) {
      console.log('entities and migrations agree: nothing to generate');
      return 0;
    }
    const epoch = Date.now();
    const className = name.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()) + epoch;
    const body = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${up.map((q) => `    await queryRunner.query(\`${escape(q)}\`);`).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${down
  .reverse()
  .map((q) => `    await queryRunner.query(\`${escape(q)}\`);`)
  .join('\n')}
  }
}
`;
    const file = resolve(repositoryRoot(), 'migrations', `${epoch}-${name}.ts`);
    writeFileSync(file, body);
    console.log(`wrote ${file}: add ${className} to migrations/index.ts`);
    return 0;
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(`migrate failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
