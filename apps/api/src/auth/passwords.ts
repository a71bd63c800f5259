import { hash, verify } from '@node-rs/argon2';

// argon2id (the library's default algorithm), OWASP's second recommended profile: m=19 MiB, t=2, p=1.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let checks = 0;

/** How many passwords this process has verified since it started (the sign-in burst test reads it). */
export function passwordChecks(): number {
  return checks;
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  checks += 1;
  return verify(passwordHash, password).catch(() => false);
}

/** Verified against when the email is unknown, so both cases take the same time. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-only-for-timing');
  return dummyHash;
}

export const MIN_PASSWORD_LENGTH = 12;
