import { describe, expect, it } from 'vitest';
import { DEEP_LINK_CATEGORIES, renderDeepLink, requiresGate, templateProblems } from './deep-links';

describe('deep-link templates', () => {
  it.each([
    'https://app.five9.com/agent?lead={{phone_e164}}',
    'https://crm.example/accounts/{{account_id}}?tenant={{tenant_slug}}&agent={{agent_id}}',
    'http://10.0.0.5:8080/dial#{{ phone_e164 }}',
    'https://portal.example/pay',
    'https://app.example/{{account_id}}/{{agent_id}}?t={{tenant_slug}}#{{phone_e164}}',
    'https://app.example:8443/x?{{account_id}}',
    'https://app.example?lead={{phone_e164}}',
  ])('should accept %s', (template) => {
    expect(templateProblems(template)).toEqual([]);
  });

  it.each([
    ['javascript:alert(1)//{{phone_e164}}', 'http://'],
    ['JavaScript:alert(document.cookie)', 'http://'],
    ['data:text/html,<script>alert(1)</script>', 'spaces|http://'],
    ['vbscript:msgbox(1)', 'http://'],
    ['file:///etc/passwd', 'http://'],
    ['ftp://files.example/{{account_id}}', 'http://'],
    ['/relative/{{account_id}}', 'absolute'],
    ['{{account_id}}', 'absolute'],
    ['https://{{tenant_slug}}.evil.example/x', 'scheme or host'],
    ['http{{account_id}}://app.example/x', 'http://'],
    ['htt{{account_id}}://app.example/x', 'http://'],
    ['https://app.example/{{ssn}}', 'unknown variable'],
    ['https://app.example/{{phone_e164}', 'unclosed'],
    ['https://app.example/x}}', 'unclosed'],
    ['https://user:pass@app.example/', 'credentials'],
    ['https://app.example/a b', 'spaces'],
    ['https://app.example/\u0000', 'control'],
    ['', 'required'],
    [42, 'required'],
    ['https://app.example/' + 'a'.repeat(2000), 'at most'],
  ])('should refuse %s', (template, message) => {
    const problems = templateProblems(template);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join(' ')).toMatch(new RegExp(message));
  });

  // The WHATWG parser reads each of these with a host taken from the variable (`https:X/login` is host X):
  // probing with harmless and hostile values catches them where a `scheme://host` pattern did not.
  it.each([
    'https:{{account_id}}/login',
    'https:\\\\{{account_id}}/x',
    'https:\\{{account_id}}/x',
    'https:/{{account_id}}/x',
    'HTTPS:{{account_id}}',
    'https:///{{account_id}}/x',
    'https://{{account_id}}/x',
    'https://{{account_id}}@app.example/x',
    'https://user{{account_id}}@app.example/x',
    'https://app.example{{account_id}}/x',
    'https://app.example.{{tenant_slug}}/x',
    'https://app.example:{{agent_id}}/x',
  ])('should refuse a variable that can choose the host or scheme: %s', (template) => {
    expect(templateProblems(template)).toEqual([
      'variables may appear in the path, query or fragment, not in the scheme or host',
    ]);
    expect(() => renderDeepLink(template, { account_id: 'evil.example' })).toThrow(/invalid deep-link template/);
  });

  it('should keep the host of a good template whatever the values are', () => {
    const template =
      'https://crm.example/accounts/{{account_id}}?tenant={{tenant_slug}}&agent={{agent_id}}#{{phone_e164}}';
    for (const value of [
      '//evil.example',
      '\\\\evil.example',
      '@evil.example',
      'evil.example:443',
      '../..',
      'https://evil.example/',
      '',
    ]) {
      const url = new URL(
        renderDeepLink(template, { account_id: value, tenant_slug: value, agent_id: value, phone_e164: value }),
      );
      expect(url.host, value).toBe('crm.example');
      expect(url.pathname.startsWith('/accounts/'), value).toBe(true);
    }
  });

  it('should URL-encode every value so it cannot end the query or add a parameter', () => {
    const url = renderDeepLink('https://app.example/agent?lead={{phone_e164}}&acct={{account_id}}&a={{agent_id}}', {
      phone_e164: '+15551234567',
      account_id: 'A&admin=1#x/../y',
      agent_id: null,
    });
    expect(url).toBe('https://app.example/agent?lead=%2B15551234567&acct=A%26admin%3D1%23x%2F..%2Fy&a=');
    expect(new URL(url).searchParams.get('acct')).toBe('A&admin=1#x/../y');
    expect(new URL(url).searchParams.get('admin')).toBeNull();
  });

  it('should refuse to render a template it would not save', () => {
    expect(() => renderDeepLink('javascript:alert(1)', {})).toThrow(/invalid deep-link template/);
  });

  it('should gate every category but other (decided detail 18)', () => {
    expect(DEEP_LINK_CATEGORIES.filter(requiresGate)).toEqual(['voice', 'sms', 'email', 'payment']);
  });
});
