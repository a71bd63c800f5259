import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { loadEnvFile } from 'node:process';
import { resolve } from 'node:path';

/**
 * Every setting the back office reads, declared once with its default and validation.
 * Nothing else reads `process.env`.
 */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  databaseUrl: string;
  redisUrl: string;
  /** Prefix for every Redis key and Bull queue, so several deployments (or test runs) share one Redis. */
  redisPrefix: string;
  publicBaseUrl: string;
  /** Signs sessions' cookies and encrypts stored vendor secrets. */
  appSecret: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** `stdout` or a file path the JSON log lines are appended to. */
  logDestination: string;
  sessionTtlHours: number;
  invitationTtlHours: number;
  loginMaxFailures: number;
  loginLockoutMinutes: number;
  /** When set, `/metrics` needs `Authorization: Bearer <token>`. */
  metricsToken: string | null;
  demoPassword: string;
  /** The built admin panel served on `/`; `null` serves no panel. */
  adminDistDir: string | null;
  /** How often the worker expires stale invitations and sessions. */
  maintenanceEveryMs: number;
  /** How often the worker folds new decisions and outcomes into the reports' hourly rollups (decided detail 25). */
  reportsFoldEveryMs: number;
  /** The session cookie's `Secure` flag: on outside local development. */
  cookieSecure: boolean;
  /** The gate's time budget per decision; past it the answer fails closed (SPEC G6). */
  gateBudgetMs: number;
  /** How long a gate decision stays valid (`expires_at`, SPEC G7). */
  gateDecisionTtlSeconds: number;
  /** Connections of the gate's own pool. */
  gatePoolSize: number;
  /**
   * Gate transactions in flight at once. Checks arriving meanwhile wait and travel together in the next
   * one (one commit for all): fewer, larger transactions measured faster here than one per connection.
   */
  gateMaxBatches: number;
  /** Where decisions the database could not record are spooled until it is back (decided detail 4). */
  gateSpoolDir: string;
  /** The largest upload an import takes (docs/formats.md: 512 MiB); larger answers 413 and keeps nothing. */
  importMaxBytes: number;
  /**
   * How long a worker holds an import job's lock between renewals; a worker that dies is noticed after about
   * this long and its job resumes from its checkpoint on another (or the restarted) worker.
   */
  importLockMs: number;
  /**
   * The most upload bytes one tenant may have stored at once (every blob not yet applied, cancelled or
   * removed, uploads in progress included); an upload that would pass it answers 413 and keeps nothing.
   */
  importTenantMaxBytes: number;
  /**
   * Whose `X-Forwarded-For` is believed (decided detail 32), as Fastify's `trustProxy` takes it: `false`
   * (the default: the socket's address is the client's), `true` (any), a number of hops, or a list of
   * addresses and CIDR ranges (`loopback`, `linklocal`, `uniquelocal` name the usual ranges).
   */
  trustProxy: boolean | number | string[];
  /** Sign-ins each client address may try per minute (above the lockout, so the lockout answers first). */
  signInRateLimit: number;
  /** Invitation acceptances each client address may try per minute. */
  invitationRateLimit: number;
  /** Refused webhook deliveries per minute from one address to one tenant; past it they answer 429. */
  webhookRefusalRateLimit: number;
  /** Failed sign-ins of one email, from every address together, that lock it (decided detail 32: 50 an hour). */
  loginEmailMaxFailures: number;
  /** The window those failures are counted in. */
  loginEmailWindowMinutes: number;
  /** Serve the OpenAPI document and Swagger UI at `/api/docs` (`API_DOCS=false` turns them off). */
  apiDocs: boolean;
  /**
   * The mail relay (decided detail 27) as nodemailer takes it, `smtp://` or `smtps://` with optional
   * user:password; null (unset) sends no mail: reviews are still generated and their deliveries `skipped`.
   */
  smtpUrl: string | null;
  /** The sender of report mail, `Name <address>` or a bare address. */
  mailFrom: string;
  /** The first retry of a failed report mail waits this long; each next one twice as long (8 tries in all). */
  reportMailBackoffMs: number;
  /**
   * Single sign-on (decided detail 33): issuers must be https on public addresses; `SSO_ALLOW_HTTP=true`
   * also allows http and loopback issuers, for local testing only (refused when NODE_ENV=production).
   */
  ssoAllowHttp: boolean;
  /** How long one request to an identity provider (discovery, keys, token) may take. */
  ssoTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** The repository root (three levels above `apps/api/src/config`, five above its compiled copy). */
export function repositoryRoot(): string {
  for (const candidate of [resolve(__dirname, '../../../..'), resolve(__dirname, '../../../../..')]) {
    if (existsSync(resolve(candidate, 'package.json')) && existsSync(resolve(candidate, 'apps'))) return candidate;
  }
  return process.cwd();
}

/** Loads the git-ignored `.env` of the repository into `process.env`, never overriding what is set. */
export function loadDotEnv(root = repositoryRoot()): void {
  const file = resolve(root, '.env');
  if (existsSync(file)) loadEnvFile(file);
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const text = (name: string, fallback: string): string => {
    const value = env[name];
    return value === undefined || value === '' ? fallback : value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}: must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const flag = (name: string, fallback: boolean): boolean => {
    const raw = text(name, String(fallback)).toLowerCase();
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    problems.push(`${name}: must be true or false (got "${env[name]}")`);
    return fallback;
  };
  const url = (name: string, fallback: string, protocols: string[]): string => {
    const value = text(name, fallback);
    try {
      const parsed = new URL(value);
      if (!protocols.includes(parsed.protocol)) throw new Error('protocol');
    } catch {
      problems.push(
        `${name}: must be a ${protocols.map((p) => p.replace(':', '://')).join(' or ')} URL (got "${value}")`,
      );
    }
    return value;
  };

  const nodeEnv = text('NODE_ENV', 'development');
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    problems.push(`NODE_ENV: must be development, production or test (got "${nodeEnv}")`);
  }
  const port = integer('PORT', 3000, 0, 65535);
  const publicBaseUrl = url('PUBLIC_BASE_URL', `http://127.0.0.1:${port}`, ['http:', 'https:']).replace(/\/+$/, '');

  let appSecret = env.APP_SECRET ?? '';
  if (appSecret === '') {
    if (nodeEnv === 'production')
      problems.push('APP_SECRET: required when NODE_ENV=production (at least 32 characters)');
    // Outside production an unset secret gets a per-process random one: sessions then end on restart.
    appSecret = randomBytes(32).toString('base64url');
  } else if (appSecret.length < 32) {
    problems.push('APP_SECRET: must be at least 32 characters');
  }

  const logLevel = text('LOG_LEVEL', 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL: must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  }
  const redisPrefix = text('REDIS_PREFIX', 'floor');
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(redisPrefix)) problems.push('REDIS_PREFIX: letters, digits, _ or -, at most 40');

  const adminDist = text('ADMIN_DIST_DIR', resolve(repositoryRoot(), 'apps/admin/dist'));

  const config: AppConfig = {
    nodeEnv: nodeEnv as AppConfig['nodeEnv'],
    host: text('HOST', '127.0.0.1'),
    port,
    databaseUrl: url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/floor_os', ['postgres:', 'postgresql:']),
    redisUrl: url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    redisPrefix,
    publicBaseUrl,
    appSecret,
    logLevel: logLevel as AppConfig['logLevel'],
    logDestination: text('LOG_DESTINATION', 'stdout'),
    sessionTtlHours: integer('SESSION_TTL_HOURS', 12, 1, 24 * 30),
    invitationTtlHours: integer('INVITATION_TTL_HOURS', 72, 1, 24 * 30),
    loginMaxFailures: integer('LOGIN_MAX_FAILURES', 5, 1, 100),
    loginLockoutMinutes: integer('LOGIN_LOCKOUT_MINUTES', 15, 1, 24 * 60),
    metricsToken: env.METRICS_TOKEN ? env.METRICS_TOKEN : null,
    demoPassword: text('DEMO_PASSWORD', 'demo-password'),
    adminDistDir: adminDist === 'none' ? null : adminDist,
    maintenanceEveryMs: integer('MAINTENANCE_EVERY_MS', 5 * 60_000, 1_000, 24 * 3_600_000),
    reportsFoldEveryMs: integer('REPORTS_FOLD_EVERY_MS', 60_000, 1_000, 3_600_000),
    cookieSecure: nodeEnv === 'production' || publicBaseUrl.startsWith('https:'),
    gateBudgetMs: integer('GATE_BUDGET_MS', 250, 20, 10_000),
    gateDecisionTtlSeconds: integer('GATE_DECISION_TTL_SECONDS', 300, 10, 3_600),
    gatePoolSize: integer('GATE_POOL_SIZE', 10, 1, 100),
    gateMaxBatches: integer('GATE_MAX_BATCHES', 3, 1, 100),
    gateSpoolDir: text('GATE_SPOOL_DIR', resolve(repositoryRoot(), '.spool')),
    importMaxBytes: integer('IMPORT_MAX_BYTES', 512 * 1024 * 1024, 1024, 8 * 1024 * 1024 * 1024),
    importLockMs: integer('IMPORT_LOCK_MS', 30_000, 1_000, 600_000),
    importTenantMaxBytes: integer('IMPORT_TENANT_MAX_BYTES', 5 * 1024 * 1024 * 1024, 1024, Number.MAX_SAFE_INTEGER),
    trustProxy: parseTrustProxy(text('TRUST_PROXY', 'false'), problems),
    signInRateLimit: integer('RATE_LIMIT_SIGN_IN_PER_MINUTE', 100, 1, 1_000_000),
    invitationRateLimit: integer('RATE_LIMIT_INVITATIONS_PER_MINUTE', 20, 1, 1_000_000),
    webhookRefusalRateLimit: integer('RATE_LIMIT_WEBHOOK_REFUSALS_PER_MINUTE', 60, 1, 1_000_000),
    loginEmailMaxFailures: integer('LOGIN_EMAIL_MAX_FAILURES', 50, 1, 10_000),
    loginEmailWindowMinutes: integer('LOGIN_EMAIL_WINDOW_MINUTES', 60, 1, 24 * 60),
    apiDocs: flag('API_DOCS', true),
    smtpUrl: smtpUrl(env.SMTP_URL, problems),
    mailFrom: mailFrom(text('MAIL_FROM', 'Floor OS <reports@floor-os.invalid>'), problems),
    reportMailBackoffMs: integer('REPORT_MAIL_BACKOFF_MS', 60_000, 100, 3_600_000),
    ssoAllowHttp: flag('SSO_ALLOW_HTTP', false),
    ssoTimeoutMs: integer('SSO_TIMEOUT_MS', 5_000, 500, 60_000),
  };
  if (config.ssoAllowHttp && config.nodeEnv === 'production')
    problems.push('SSO_ALLOW_HTTP: only for local testing, never with NODE_ENV=production');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** `SMTP_URL`: its message never repeats the value, which may carry the relay's password. */
function smtpUrl(raw: string | undefined, problems: string[]): string | null {
  if (raw === undefined || raw === '') return null;
  try {
    const parsed = new URL(raw);
    if ((parsed.protocol === 'smtp:' || parsed.protocol === 'smtps:') && parsed.hostname !== '') return raw;
  } catch {
    // reported below
  }
  problems.push(
    'SMTP_URL: must be an smtp:// or smtps:// URL with a host (the value is not repeated: it may hold a password)',
  );
  return null;
}

/** `MAIL_FROM`: one address, bare or as `Name <address>`, no line breaks (it becomes a mail header). */
function mailFrom(value: string, problems: string[]): string {
  const address = /^(?:[^<>\r\n]{0,100}<([^<>\s@]{1,64}@[^<>\s@]{1,253})>|([^<>\s@]{1,64}@[^<>\s@]{1,253}))$/.exec(
    value.trim(),
  );
  if (!address) problems.push(`MAIL_FROM: must be an address or "Name <address>" (got "${value.slice(0, 100)}")`);
  return value.trim();
}

const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * `TRUST_PROXY`: `false`, `true`, a number of hops, or comma-separated addresses / CIDR ranges. Anything
 * else is a configuration problem: a typo must not silently trust every `X-Forwarded-For`.
 */
export function parseTrustProxy(raw: string, problems: string[]): boolean | number | string[] {
  const value = raw.trim();
  if (value.toLowerCase() === 'false') return false;
  if (value.toLowerCase() === 'true') return true;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const bad = entries.filter((entry) => {
    if (PROXY_RANGE_NAMES.has(entry)) return false;
    const [address, bits, ...rest] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return true;
    if (bits === undefined) return false;
    return !/^\d{1,3}$/.test(bits) || Number(bits) > (family === 4 ? 32 : 128);
  });
  if (entries.length === 0 || bad.length > 0) {
    problems.push(
      `TRUST_PROXY: must be false, true, a number of hops or comma-separated addresses/CIDR ranges (got "${value.slice(0, 100)}")`,
    );
    return false;
  }
  return entries;
}

/** For entry points: the `.env` and the environment, or one line per bad variable and exit 1. */
export function loadConfigOrExit(): AppConfig {
  loadDotEnv();
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

/** The provider token of the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
