import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { RedisService } from '../redis/redis.module';

const EVERY_MS = 10_000;

/**
 * Decided detail 19: the queue worker's heartbeat. The worker writes the time every 10 s to a Redis key that
 * expires after a minute; IT's home shows it (webhook health), so a stopped worker shows as "no heartbeat".
 */
@Injectable()
export class WorkerHeartbeat implements OnModuleInit, OnModuleDestroy {
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly redis: RedisService) {}

  static key(redis: RedisService): string {
    return redis.key('worker', 'heartbeat');
  }

  onModuleInit(): void {
    const beat = () =>
      void this.redis.client.set(WorkerHeartbeat.key(this.redis), String(Date.now()), 'EX', 60).catch(() => undefined);
    beat();
    this.timer = setInterval(beat, EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

/** The last heartbeat, or null when no worker beat in the last minute. */
export async function lastHeartbeat(redis: RedisService): Promise<string | null> {
  const value = await redis.client.get(WorkerHeartbeat.key(redis)).catch(() => null);
  return value ? new Date(Number(value)).toISOString() : null;
}
