import type { Registry } from 'prom-client';
import type { RedisService } from '../redis/redis.module';

/**
 * A Prometheus histogram whose counts live in Redis, for durations observed by the queue workers: a worker
 * serves no `/metrics` (it has no HTTP server), and several workers may run on several machines, so each
 * observation is added to one Redis hash per label set (a counter per bucket, the count and the sum) and the
 * API's scrape reads them all back. Counts only ever grow, as a histogram's must; a Redis flush restarts
 * them, which Prometheus reads as a counter reset.
 */
export class SharedHistogram<Label extends string> {
  constructor(
    readonly name: string,
    readonly help: string,
    readonly label: Label,
    readonly buckets: readonly number[],
  ) {}

  private key(redis: RedisService, value: string): string {
    return redis.key('metrics', this.name, value);
  }

  private index(redis: RedisService): string {
    return redis.key('metrics', this.name);
  }

  /** Adds one observation; never throws (a metric must not fail the job it measures). */
  async observe(redis: RedisService, value: string, seconds: number): Promise<void> {
    const key = this.key(redis, value);
    const multi = redis.client
      .multi()
      .sadd(this.index(redis), value)
      .hincrby(key, 'count', 1)
      .hincrbyfloat(key, 'sum', seconds);
    for (const bound of this.buckets) if (seconds <= bound) multi.hincrby(key, String(bound), 1);
    await multi.exec().catch(() => undefined);
  }

  /** Registers the metric in a registry, read from Redis at scrape time (once per registry). */
  register(registry: Registry, redis: RedisService): void {
    if (registry.getSingleMetric(this.name)) return;
    const { name, help } = this;
    const read = async () => {
      const values = (await redis.client.smembers(this.index(redis)).catch(() => [] as string[])).sort();
      const rows = [];
      for (const value of values) {
        const hash = await redis.client.hgetall(this.key(redis, value)).catch(() => ({}) as Record<string, string>);
        const labels = { [this.label]: value };
        for (const bound of this.buckets)
          rows.push({
            metricName: `${this.name}_bucket`,
            labels: { ...labels, le: bound },
            value: Number(hash[String(bound)] ?? 0),
          });
        rows.push({
          metricName: `${this.name}_bucket`,
          labels: { ...labels, le: '+Inf' },
          value: Number(hash.count ?? 0),
        });
        rows.push({ metricName: `${this.name}_sum`, labels, value: Number(hash.sum ?? 0) });
        rows.push({ metricName: `${this.name}_count`, labels, value: Number(hash.count ?? 0) });
      }
      return rows;
    };
    // prom-client formats any registered object with a name, help, type and get() that answers its values.
    registry.registerMetric({
      name,
      help,
      type: 'histogram',
      aggregator: 'sum',
      async get() {
        return { name, help, type: 'histogram', aggregator: 'sum', values: await read() };
      },
    } as unknown as Parameters<Registry['registerMetric']>[0]);
  }
}
