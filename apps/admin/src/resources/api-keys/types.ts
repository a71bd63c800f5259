import type { ApiKeyView } from '@floor-os/contracts';

/** A key as listed; `secret` only in the create and rotate answers (SPEC K1): the API keeps a hash, never the secret. */
export type ApiKey = ApiKeyView & { secret?: string };

export const SECRET_WARNING =
  'Copy this secret now and store it in your dialer or vault: it will not be shown again. Floor OS keeps only a hash of it.';
