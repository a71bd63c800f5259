import { describe, expect, it } from 'vitest';
import { accountIdOf, judgeAccountRow, needsExistence, toIsoTime, validateAccountRow } from './account-row';

const complete = { account_id: 'N-1', phone_number: '(212) 555-0123', state: 'ny' };

describe('account rows: the rule for new and existing accounts', () => {
  it('should accept a complete row whether or not the account exists, without asking', () => {
    const checked = validateAccountRow(complete);
    expect(checked).toMatchObject({
      ok: true,
      values: { account_id: 'N-1', phone_number: '+12125550123', state: 'NY' },
      missing: [],
    });
    expect(needsExistence(checked)).toBe(false);
    expect(judgeAccountRow(checked, false)).toBe(checked);
  });

  it('should reject a row that would create an account without a phone, naming the field', () => {
    const checked = validateAccountRow({ account_id: 'N-2', state: 'NY', balance: '10' });
    expect(checked).toMatchObject({ ok: true, missing: ['phone_number'] });
    expect(needsExistence(checked)).toBe(true);
    expect(accountIdOf(checked)).toBe('N-2');
    expect(judgeAccountRow(checked, false)).toEqual({
      ok: false,
      account_id: 'N-2',
      fields: { phone_number: ['phone_number is required for a new account'] },
      missing: ['phone_number'],
    });
  });

  it('should let the same empty cells stand on an existing account: they change nothing', () => {
    const checked = validateAccountRow({ account_id: 'E-1', balance: '10' });
    expect(checked.missing).toEqual(['phone_number', 'state']);
    const judged = judgeAccountRow(checked, true);
    expect(judged).toMatchObject({ ok: true, values: { account_id: 'E-1', balance: '10.00' } });
    expect(judged.ok && Object.keys(judged.values).sort()).toEqual(['account_id', 'balance']);
  });

  it('should add the missing fields to the other problems of a row for a new account', () => {
    const checked = validateAccountRow({ account_id: 'N-3', balance: 'n/a' });
    expect(checked.ok).toBe(false);
    expect(needsExistence(checked)).toBe(true);
    const judged = judgeAccountRow(checked, false);
    expect(judged.ok ? null : judged.fields).toEqual({
      balance: ['balance must be a number'],
      phone_number: ['phone_number is required for a new account'],
      state: ['state is required for a new account'],
    });
  });

  it('should not ask about a row without a usable account id: it is rejected for that already', () => {
    for (const row of [{ phone_number: '2125550123' }, { account_id: 'x'.repeat(65) }]) {
      const checked = validateAccountRow(row);
      expect(checked.ok).toBe(false);
      expect(accountIdOf(checked)).toBeNull();
      expect(needsExistence(checked)).toBe(false);
    }
  });

  it('should count an invalid phone as a problem with the phone, not as a missing one', () => {
    const checked = validateAccountRow({ ...complete, phone_number: '555' });
    expect(checked).toMatchObject({
      ok: false,
      missing: [],
      fields: { phone_number: ['phone_number is not a valid phone number'] },
    });
    expect(needsExistence(checked)).toBe(false);
  });

  it('should accept a negative balance with a credit balance warning, and a zero one without', () => {
    const credit = validateAccountRow({ ...complete, balance: '-$1,250.5' });
    expect(credit).toMatchObject({ ok: true, values: { balance: '-1250.50' } });
    expect(credit.ok && credit.warnings).toEqual([
      {
        field: 'balance',
        code: 'credit_balance',
        message: 'balance -1250.50 is negative: a credit balance, imported as given',
      },
    ]);
    const zero = validateAccountRow({ ...complete, balance: '0' });
    expect(zero.ok && zero.warnings).toEqual([]);
  });
});

/** The dates' first implementation (regular expressions and `Date`), which the fast path must answer alike. */
function referenceIsoTime(value: string): string | null | 'luxon' {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value))) [y, mo, d] = [Number(m[3]), Number(m[1]), Number(m[2])];
  else return 'luxon';
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString();
}

describe('account rows: dates', () => {
  it('should read YYYY-MM-DD and M/D/YYYY exactly as the regular expressions and Date did', () => {
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    const inputs: string[] = [];
    for (const y of [0, 1, 99, 100, 999, 1900, 1970, 2000, 2023, 2024, 2100, 2400, 9999])
      for (let mo = 0; mo <= 13; mo++)
        for (let d = 0; d <= 32; d++) {
          inputs.push(`${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`, `${mo}/${d}/${pad(y, 4)}`);
          inputs.push(`${pad(mo, 2)}/${pad(d, 2)}/${pad(y, 4)}`);
        }
    inputs.push('2024-1-05', '2024/01/05', '1//2024', '/1/2024', '1/1/24', '123/1/2024', '1/123/2024', '1/1/20244');
    inputs.push('2024-02-3x', 'x024-02-03', '2024-02-03 ', ' 2024-02-03', '1/1/2024\n', '01/01/2024T', '１/1/2024');
    let compared = 0;
    for (const input of inputs) {
      const expected = referenceIsoTime(input);
      if (expected === 'luxon') continue;
      expect([input, toIsoTime(input)]).toEqual([input, expected]);
      compared++;
    }
    expect(compared).toBeGreaterThan(15_000);
    // Anything else is read by luxon as before.
    expect(toIsoTime('2024-02-03T10:00:00-05:00')).toBe('2024-02-03T15:00:00.000Z');
    expect(toIsoTime('2024-1-05')).toBeNull();
    expect(toIsoTime('1/1/24')).toBeNull();
  });
});

describe('account rows: amounts', () => {
  it('should read a balance exactly as Number(…).toFixed(2) of the text without $ , and spaces', () => {
    const reference = (text: string) => {
      const value = Number(text.replace(/[$,\s]/g, ''));
      return !Number.isFinite(value) || Math.abs(value) >= 1e12 ? null : { fixed: value.toFixed(2), credit: value < 0 };
    };
    const samples = ['0', '-0', '-0.00', '000', '007.50', '12', '12.3', '12.34', '12.345', '1234.56', '$1,234.56'];
    samples.push('-20.00', '$-5', '-$5', '- 5', '5-', '--5', '5.', '.5', '-.5', '1.2.3', '$', ',', '1,2,3', ' 1 2 ');
    samples.push('999999999999.99', '1000000000000', '-999999999999.99', '0999999999999', '1e3', '0x10', '+5');
    samples.push('\t5', '5\u00a0', '١٢', '１２', 'NaN', 'Infinity', '12.00', '-0.01', '-0.001', '0.005', '1.005');
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const chars = '0123456789.-$, ';
    for (let n = 0; n < 20_000; n++) {
      let text = '';
      const length = 1 + Math.floor(random() * 10);
      for (let k = 0; k < length; k++) text += chars[Math.floor(random() * (random() < 0.7 ? 10 : chars.length))];
      samples.push(text);
    }
    for (const balance of samples) {
      const checked = validateAccountRow({ ...complete, balance });
      const expected = reference(balance);
      const got = checked.ok
        ? { fixed: checked.values.balance, credit: checked.warnings.some((w) => w.code === 'credit_balance') }
        : null;
      expect([balance, got]).toEqual([balance, expected]);
    }
  });
});
