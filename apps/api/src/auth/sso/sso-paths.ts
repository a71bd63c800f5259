/** Where the identity provider sends the browser back (registered at the provider as the redirect URI). */
export const SSO_CALLBACK_PATH = '/api/v1/auth/sso/callback';

/** How long a started sign-in may take at the identity provider. */
export const SSO_STATE_TTL_SECONDS = 600;
