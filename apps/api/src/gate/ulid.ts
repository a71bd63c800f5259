import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32, as ULID specifies
let pool = Buffer.alloc(0);
let offset = 0;

/** 16 random base32 characters from a pooled random buffer (one syscall per 4 KiB instead of per id). */
function randomPart(): string {
  if (offset + 16 > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  let out = '';
  for (let i = 0; i < 16; i++) out += ALPHABET[pool[offset + i] & 31];
  offset += 16;
  return out;
}

/**
 * A ULID: 48 bits of milliseconds then 80 random bits, in 26 Crockford base32 characters. Sorts by time,
 * so decision ids keep the log's inserts append-only and name the month a lookup must search.
 */
export function ulid(now = Date.now()): string {
  let time = '';
  let value = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[value % 32] + time;
    value = Math.floor(value / 32);
  }
  return time + randomPart();
}
