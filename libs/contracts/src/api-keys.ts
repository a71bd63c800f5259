/** API keys as `GET /api/v1/api-keys[/:id]` answers them (SPEC K1): the API keeps a hash, never the secret. */

export interface ApiKeyView {
  id: string;
  label: string;
  prefix: string;
  status: 'active' | 'revoked';
  created_by_id: string | null;
  created_by_email: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  rotated_from_id: string | null;
}

/** Only in the create and rotate answers: the whole key. */
export interface CreatedApiKey extends ApiKeyView {
  secret: string;
}
