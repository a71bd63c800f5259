import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Satisfies } from '../../common/dto-rules';
import { issuerUrlProblem } from '../sso/issuer-fetch';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A DNS name of two labels or more: letters, digits and inner hyphens, as an email's domain is written. */
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
export const MAX_DOMAINS = 50;
/** Control characters, refused in a client id or secret. */
// eslint-disable-next-line no-control-regex -- control characters are what the pattern looks for
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** An email domain as stored: trimmed, lower case, without a leading `@` ('' for a value that is not text). */
export function normaliseDomain(entry: unknown): string {
  return typeof entry === 'string' ? entry.trim().toLowerCase().replace(/^@/, '') : '';
}

const ISSUER_REQUIRED = 'The issuer URL of the identity provider is required (at most 500 characters)';
const issuerText = (issuer: unknown) =>
  typeof issuer === 'string' && issuer.trim() !== '' && issuer.length <= 500 ? issuer.trim() : null;
/** The URL's own problems; whether plain http is allowed is the deployment's policy, checked by the service. */
const issuerProblem = (issuer: unknown) => {
  const text = issuerText(issuer);
  return text === null ? ISSUER_REQUIRED : issuerUrlProblem(text, true);
};

const domainProblems = (domains: unknown): string[] => {
  if (!Array.isArray(domains) || domains.length === 0 || domains.length > MAX_DOMAINS)
    return [`List 1 to ${MAX_DOMAINS} email domains, such as "acme-collections.com"`];
  return domains
    .filter((entry) => !DOMAIN.test(normaliseDomain(entry)))
    .map(
      (entry) =>
        `${typeof entry === 'string' ? JSON.stringify(entry.slice(0, 100)) : 'a value'} is not an email domain`,
    );
};

/** `PUT /sso`: the tenant's OpenID Connect settings; the issuer must also answer discovery (the service asks). */
export class SsoSettingsDto {
  @ApiProperty({
    example: 'https://login.example.com',
    maxLength: 500,
    description: 'The issuer URL (checked by discovery)',
  })
  @Satisfies((issuer) => issuerProblem(issuer) === null, (issuer) => issuerProblem(issuer) ?? '')
  issuer: string;

  @ApiProperty({ maxLength: 255 })
  @Satisfies(
    (id) => typeof id === 'string' && id.trim() !== '' && id.length <= 255 && !CONTROL_CHARACTERS.test(id),
    'The client ID is required (at most 255 characters, no control characters)',
  )
  client_id: string;

  @ApiPropertyOptional({
    maxLength: 1000,
    description: 'Required the first time; leave it out to keep the stored one',
  })
  @Satisfies(
    (secret) =>
      secret === undefined ||
      (typeof secret === 'string' && secret !== '' && secret.length <= 1000 && !CONTROL_CHARACTERS.test(secret)),
    'The client secret must be text of 1 to 1000 characters (leave it out to keep the stored one)',
  )
  client_secret?: string;

  /** Each domain that is not one is named in the message (one message for the field). */
  @ApiProperty({ type: [String], minItems: 1, maxItems: MAX_DOMAINS, example: ['acme-collections.com'] })
  @Satisfies((domains) => domainProblems(domains).length === 0, (domains) => domainProblems(domains).join('; '))
  email_domains: string[];

  @ApiPropertyOptional({ default: false })
  @Satisfies(
    (required) => required === undefined || typeof required === 'boolean',
    'Require single sign-on must be true or false',
  )
  required?: boolean;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'An active Tenant Admin who keeps password sign-in (required with required: true)',
  })
  @Satisfies(
    (id) => id === undefined || id === null || (typeof id === 'string' && UUID.test(id)),
    'The break-glass user must be an active Tenant Admin, or none',
  )
  break_glass_user_id?: string | null;
}

/** An email as the sign-in compares it: trimmed and lower case ('' for a value that is not text). */
export function normaliseEmail(email: unknown): string {
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
}

/** `POST /auth/sso/start`. */
export class SsoStartDto {
  @ApiProperty({ example: 'jane@acme-collections.com', maxLength: 254 })
  @Satisfies((value) => {
    const email = normaliseEmail(value);
    const at = email.lastIndexOf('@');
    return email.length <= 254 && at >= 1 && at !== email.length - 1;
  }, 'email must be an email address')
  email: string;
}
