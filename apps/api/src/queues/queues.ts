/** Every queue and job name, in one place. */
export const QUEUES = {
  maintenance: 'maintenance',
  webhooks: 'webhooks',
  imports: 'imports',
  reports: 'reports',
} as const;

export const JOBS = {
  expireStale: 'expire-stale',
  ensurePartitions: 'ensure-partitions',
  processDelivery: 'process-delivery',
  sweepInbox: 'sweep-inbox',
  runImport: 'run-import',
  foldReports: 'fold-reports',
  /** A tenant's WeeklyReview: the repeatable Monday 07:00 run and the catch-up at a worker's start. */
  weeklyReview: 'weekly-review',
  /** One mail of a stored report to one recipient (a `report_delivery` row). */
  sendReportMail: 'send-report-mail',
} as const;

/** Bull wants host/port options; the project configures Redis by URL. */
export function redisOptions(url: string): {
  host: string;
  port: number;
  password?: string;
  username?: string;
  db?: number;
  tls?: object;
} {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.pathname.length > 1 ? { db: Number(parsed.pathname.slice(1)) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}
