import Redis from 'ioredis';
import { Client } from 'pg';

/** Whether PostgreSQL and Redis answer; each problem is a short sentence. */
export async function checkServices(databaseUrl: string, redisUrl: string): Promise<string[]> {
  const problems: string[] = [];
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const pg = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3_000 });
  try {
    await pg.connect();
    await pg.query('SELECT 1');
  } catch (error) {
    problems.push(
      `PostgreSQL does not answer at ${new URL(databaseUrl).host} (${error instanceof Error ? error.message : error}).`,
    );
  } finally {
    await pg.end().catch(() => undefined);
  }
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    problems.push(
      `Redis does not answer at ${new URL(redisUrl).host} (${error instanceof Error ? error.message : error}).`,
    );
  } finally {
    redis.disconnect();
  }
  return problems;
}

export const START_SERVICES_HELP = [
  'Start them, then run the command again:',
  '  on this machine:  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
  '                    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no',
  '  or with Docker:   docker compose -f docker/compose.yml up -d postgres redis',
  'DATABASE_URL and REDIS_URL point elsewhere when they run on other hosts.',
].join('\n');
