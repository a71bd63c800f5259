import { toIsoTime, type AccountColumns } from './account-row';

/** A transaction row: reference, account, amount (`$1,234.50`, `-12,5` are read), posting date. */
export function validateTransactionRow(
  input: Record<string, string>,
): { ok: true; values: AccountColumns } | { ok: false; account_id: string | null; fields: Record<string, string[]> } {
  // No prototype: a field named `constructor` or `__proto__` is collected like any other.
  const fields: Record<string, string[]> = Object.create(null);
  const fail = (f: string, m: string) => (fields[f] ??= []).push(m);
  const accountId = (input.account_id ?? '').trim();
  if (!accountId) fail('account_id', 'account_id is required');
  else if (accountId.length > 64) fail('account_id', 'account_id is longer than 64 characters');
  const reference = (input.reference ?? '').trim();
  if (!reference || /^:+$/.test(reference)) fail('reference', 'reference is required');
  else if (reference.length > 200) fail('reference', 'reference is longer than 200 characters');
  const amountText = (input.amount ?? '')
    .replace(/[$\s]/g, '')
    .replace(/,(\d{1,2})$/, '.$1')
    .replace(/,/g, '');
  const amount = Number(amountText);
  if (!input.amount) fail('amount', 'amount is required');
  else if (!Number.isFinite(amount) || Math.abs(amount) >= 1e12) fail('amount', 'amount must be a number');
  const posted = input.posted_at
    ? toIsoTime(
        /^\d{8}$/.test(input.posted_at)
          ? `${input.posted_at.slice(0, 4)}-${input.posted_at.slice(4, 6)}-${input.posted_at.slice(6)}`
          : input.posted_at.trim(),
      )
    : null;
  if (!input.posted_at) fail('posted_at', 'posted_at is required');
  else if (!posted) fail('posted_at', 'posted_at must be a date');
  if (Object.keys(fields).length) return { ok: false, account_id: accountId || null, fields };
  return {
    ok: true,
    values: {
      reference,
      account_id: accountId,
      amount: amount.toFixed(2),
      posted_at: posted,
      description: input.description?.slice(0, 1000) ?? null,
    },
  };
}
