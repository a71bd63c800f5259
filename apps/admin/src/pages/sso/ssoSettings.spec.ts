import { describe, expect, it } from 'vitest';
import {
  bodyOf,
  domainsOf,
  draftProblems,
  issuerHost,
  readableFieldMessage,
  serverProblems,
  type SsoDraft,
} from './ssoSettings';

const complete: SsoDraft = {
  issuer: 'https://login.acme.test',
  clientId: 'floor-os',
  clientSecret: 'secret-from-the-provider',
  emailDomains: ['acme.test'],
  required: false,
  breakGlassUserId: null,
};

describe('single sign-on settings form', () => {
  it('should read a typed or pasted list of domains in lower case, without "@", each once', () => {
    expect(domainsOf('Acme.test, @acme.co.uk;acme.test\nother.test ')).toEqual([
      'acme.test',
      'acme.co.uk',
      'other.test',
    ]);
    expect(domainsOf(' , ')).toEqual([]);
  });

  it('should ask for every field when nothing is filled in and no secret is stored', () => {
    const empty: SsoDraft = {
      issuer: '',
      clientId: ' ',
      clientSecret: '',
      emailDomains: [],
      required: false,
      breakGlassUserId: null,
    };
    expect(Object.keys(draftProblems(empty, false)).sort()).toEqual([
      'client_id',
      'client_secret',
      'email_domains',
      'issuer',
    ]);
  });

  it('should keep the stored secret when the secret field is left empty', () => {
    expect(draftProblems({ ...complete, clientSecret: '' }, true)).toEqual({});
    expect(bodyOf({ ...complete, clientSecret: '' })).not.toHaveProperty('client_secret');
    expect(bodyOf(complete)).toMatchObject({ client_secret: 'secret-from-the-provider' });
  });

  it('should name the domains that are not email domains', () => {
    expect(
      draftProblems({ ...complete, emailDomains: ['acme.test', 'localhost', 'not a domain'] }, true).email_domains,
    ).toBe('Not an email domain: localhost, not a domain');
  });

  it('should need a break-glass Tenant Admin when single sign-on is required, and send none when it is not', () => {
    expect(draftProblems({ ...complete, required: true }, true)).toHaveProperty('break_glass_user_id');
    expect(draftProblems({ ...complete, required: true, breakGlassUserId: 'a-user' }, true)).toEqual({});
    expect(bodyOf({ ...complete, required: false, breakGlassUserId: 'a-user' }).break_glass_user_id).toBeNull();
    expect(bodyOf({ ...complete, required: true, breakGlassUserId: 'a-user' }).break_glass_user_id).toBe('a-user');
  });

  it("should put the API's field messages in the form's words", () => {
    expect(readableFieldMessage('issuer', 'issuer must be an https URL')).toBe('The issuer URL must be an https URL');
    expect(readableFieldMessage('client_secret', 'client_secret is required when single sign-on is first set up')).toBe(
      'The client secret is required when single sign-on is first set up',
    );
    expect(
      readableFieldMessage('break_glass_user_id', 'break_glass_user_id must be an active Tenant Admin of this tenant'),
    ).toBe('The break-glass Tenant Admin must be an active Tenant Admin of this tenant');
    // "required" inside a sentence is a word, not the field.
    expect(readableFieldMessage('client_id', 'client_id is required (at most 255 characters)')).toBe(
      'The client ID is required (at most 255 characters)',
    );
    const { byField, other } = serverProblems({
      email_domains: 'acme.test already signs in with another organisation',
      unexpected: 'something else',
    });
    expect(byField).toEqual({ email_domains: 'acme.test already signs in with another organisation' });
    expect(other).toEqual(['something else']);
  });

  it('should show an issuer by its host', () => {
    expect(issuerHost('https://login.acme.test/realms/floor')).toBe('login.acme.test');
    expect(issuerHost('not a url')).toBe('not a url');
    expect(issuerHost(null)).toBe('');
  });
});
