export interface ApiKey {
  id: string;
  label: string;
  prefix: string;
  created_by_email: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  status: 'active' | 'revoked';
  /** Only in the create and rotate answers (SPEC K1): the API keeps a hash, never the secret. */
  secret?: string;
}

export const SECRET_WARNING =
  'Copy this secret now and store it in your dialer or vault: it will not be shown again. Floor OS keeps only a hash of it.';
