/**
 * Single sign-on (SPEC R7, decided detail 33): the settings view of `GET /api/v1/sso`, and why a sign-in
 * through the identity provider was refused. The callback sends the browser back to the panel's sign-in
 * page with `sso_error=<reason>`; the page shows the sentence below, never the reason's name.
 */
export interface SsoSettingsView {
  configured: boolean;
  issuer: string | null;
  client_id: string | null;
  /** The client secret is write-only: only whether one is stored. */
  has_client_secret: boolean;
  email_domains: string[];
  required: boolean;
  break_glass_user_id: string | null;
  break_glass_user: { id: string; name: string; email: string } | null;
  last_sign_in_at: string | null;
  last_sign_in_user: { id: string; name: string } | null;
  updated_at: string | null;
  /** The address to register at the identity provider: `PUBLIC_BASE_URL` + the callback path. */
  redirect_uri: string;
  /** Who may be the break-glass user: the tenant's active Tenant Admins, by name. */
  break_glass_candidates: { id: string; name: string; email: string }[];
}

/** The settings of a tenant without single sign-on (never set up, or removed), before the deployment's fields. */
export const SSO_NOT_CONFIGURED: Readonly<Omit<SsoSettingsView, 'redirect_uri' | 'break_glass_candidates'>> = {
  configured: false,
  issuer: null,
  client_id: null,
  has_client_secret: false,
  email_domains: [],
  required: false,
  break_glass_user_id: null,
  break_glass_user: null,
  last_sign_in_at: null,
  last_sign_in_user: null,
  updated_at: null,
};

export const SSO_SIGN_IN_ERRORS = {
  expired: 'This sign-in link has expired or was already used. Start again from the sign-in page.',
  browser: 'This sign-in was started in another browser or tab. Start again from the sign-in page.',
  idp_refused: 'Your identity provider did not sign you in. Try again, or ask your administrator.',
  idp_unverified:
    "Your identity provider's answer could not be verified, so you were not signed in. Ask your administrator to check the single sign-on settings.",
  email_unverified: 'Your identity provider did not confirm your email address, so you were not signed in.',
  no_account:
    'There is no Floor OS user with your email in your organisation. Ask your administrator for an invitation.',
  access_removed: 'Your access to Floor OS has been removed. Ask your administrator if this is a mistake.',
  unavailable: 'Single sign-on is not available right now. Try again in a few minutes.',
} as const;
export type SsoSignInError = keyof typeof SSO_SIGN_IN_ERRORS;

export function isSsoSignInError(value: unknown): value is SsoSignInError {
  return typeof value === 'string' && Object.hasOwn(SSO_SIGN_IN_ERRORS, value);
}
