import { Inject, Injectable } from '@nestjs/common';
import { normalizeIP } from '@fastify/rate-limit';
import { APP_CONFIG, AppConfig } from '../config/config';
import { RedisService } from '../redis/redis.module';
import { sha256 } from './tokens';

/**
 * Counts one sign-in attempt before its password is checked, atomically, for the (email, address) pair and
 * for the email alone. Answers `[pair, email, lockedForMs]`: `email` is -1 when the pair was already locked
 * (an attempt the pair lock refuses never counts against the email, so one address cannot lock a user out
 * everywhere); `lockedForMs` is how long the lock that applies still lasts (0: none yet).
 *
 * The pair counts in a window of `pairLockMs` from its first attempt; the attempt that reaches `pairMax`
 * starts a fresh `pairLockMs`, the lock. The email counts in a window of `emailWindowMs`; the attempt that
 * reaches `emailMax` keeps it locked for at least `pairLockMs` more.
 */
const ATTEMPT = `
local pairMax = tonumber(ARGV[1])
local pairLockMs = tonumber(ARGV[2])
local emailMax = tonumber(ARGV[3])
local emailWindowMs = tonumber(ARGV[4])
local pair = redis.call('INCR', KEYS[1])
if pair == 1 or pair == pairMax then redis.call('PEXPIRE', KEYS[1], pairLockMs) end
if pair > pairMax then return {pair, -1, redis.call('PTTL', KEYS[1])} end
local email = redis.call('INCR', KEYS[2])
if email == 1 then redis.call('PEXPIRE', KEYS[2], emailWindowMs) end
if email == emailMax and redis.call('PTTL', KEYS[2]) < pairLockMs then redis.call('PEXPIRE', KEYS[2], pairLockMs) end
if email > emailMax then return {pair, email, redis.call('PTTL', KEYS[2])} end
return {pair, email, 0}
`;

/**
 * A sign-in that succeeded was counted as a possible failure: take back the pair's attempts up to and
 * including this one (`ARGV[1]`, its position), so failures that came before a success are forgiven but
 * guesses still in flight behind it stay counted; the email's count drops by this one attempt only (a
 * success never clears what other addresses tried).
 */
const SUCCEEDED = `
if redis.call('DECRBY', KEYS[1], tonumber(ARGV[1])) <= 0 then redis.call('DEL', KEYS[1]) end
if redis.call('EXISTS', KEYS[2]) == 1 and redis.call('DECR', KEYS[2]) <= 0 then redis.call('DEL', KEYS[2]) end
return 1
`;

type CountingClient = RedisService['client'] & {
  signInAttempt(
    pairKey: string,
    emailKey: string,
    pairMax: number,
    pairLockMs: number,
    emailMax: number,
    emailWindowMs: number,
  ): Promise<[number, number, number]>;
  signInSucceeded(pairKey: string, emailKey: string, position: number): Promise<number>;
};

export type AttemptVerdict =
  /** Check the password; `lastChance` when a failure now locks (the answer is then 423). */
  | { check: true; lastChance: boolean; keys: { pair: string; email: string }; position: number }
  /** Locked: refuse without checking the password. */
  | { check: false; lockedForMs: number };

/** Decided detail 32: the (email, address) pair locks after 5 failures, the email alone after 50 an hour. */
@Injectable()
export class SignInLockout {
  private readonly client: CountingClient;

  constructor(
    private readonly redis: RedisService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const client = redis.client as CountingClient;
    if (typeof client.signInAttempt !== 'function') {
      client.defineCommand('signInAttempt', { numberOfKeys: 2, lua: ATTEMPT });
      client.defineCommand('signInSucceeded', { numberOfKeys: 2, lua: SUCCEEDED });
    }
    this.client = client;
  }

  /**
   * The client address as the lockout and the rate limits key it: an IPv6 address by its /64 (one host
   * holds a whole /64), an IPv4-mapped one as IPv4; at most 64 characters whatever a proxy forwarded.
   */
  static address(ip: string | undefined): string {
    const raw = String(ip ?? '').slice(0, 64);
    try {
      return normalizeIP(raw);
    } catch {
      return raw.toLowerCase();
    }
  }

  get lockoutMs(): number {
    return this.config.loginLockoutMinutes * 60_000;
  }

  /** Counts this attempt (before any password is checked) and says whether to check it. */
  async attempt(email: string, address: string): Promise<AttemptVerdict> {
    const keys = {
      pair: this.redis.key('sign-in', 'pair', sha256(`${email}\u0000${address}`)),
      email: this.redis.key('sign-in', 'email', sha256(email)),
    };
    const { loginMaxFailures: pairMax, loginEmailMaxFailures: emailMax } = this.config;
    const [pair, emailCount, lockedForMs] = await this.client.signInAttempt(
      keys.pair,
      keys.email,
      pairMax,
      this.lockoutMs,
      emailMax,
      this.config.loginEmailWindowMinutes * 60_000,
    );
    if (emailCount < 0 || emailCount > emailMax) return { check: false, lockedForMs: Math.max(lockedForMs, 1000) };
    return { check: true, lastChance: pair >= pairMax || emailCount >= emailMax, keys, position: pair };
  }

  /** A right password: forgive the pair's failures before it, and this attempt on the email. */
  async succeeded(verdict: Extract<AttemptVerdict, { check: true }>): Promise<void> {
    await this.client.signInSucceeded(verdict.keys.pair, verdict.keys.email, verdict.position);
  }
}
