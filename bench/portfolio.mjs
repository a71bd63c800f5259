// A synthetic placement file as agencies send them (used by bench/import.mjs and the import tests):
// quoted names with commas, phones in mixed real-world shapes, US states, balances with $ and commas,
// US and ISO dates, Y/N flags — and about 1 % invalid rows of every kind. Deterministic for a seed.

const AREAS = [
  '201',
  '212',
  '213',
  '305',
  '312',
  '404',
  '415',
  '512',
  '602',
  '617',
  '702',
  '713',
  '718',
  '773',
  '808',
  '917',
];
const STATES = ['NY', 'NJ', 'CA', 'TX', 'FL', 'IL', 'GA', 'MA', 'WA', 'AZ', 'NV', 'HI', 'OH', 'PA', 'NC', 'MI'];
const FIRST = ['John', 'Mary', 'José', 'Anne-Marie', "O'Neil", 'Li', 'Fatima', 'Robert'];
const LAST = ['Smith', 'García', 'Nguyen', 'Johnson', 'Brown', 'Müller', 'Davis', 'Miller'];
export const HEADER = 'Acct No,Customer Name,Phone,ST,Balance Due,Last Contact,Bankrupt?';
/** The kinds of invalid rows, one of each in every 100 rows at `invalidEvery: 100`. */
export const INVALID_KINDS = ['phone', 'state', 'account_id', 'balance', 'date', 'boolean'];

function rng(seed) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function phone(r, i) {
  const area = AREAS[i % AREAS.length];
  const exchange = String(200 + Math.floor(r() * 799));
  const line = String(Math.floor(r() * 10000)).padStart(4, '0');
  switch (i % 6) {
    case 0:
      return `(${area}) ${exchange}-${line}`;
    case 1:
      return `${area}-${exchange}-${line}`;
    case 2:
      return `${area}${exchange}${line}`;
    case 3:
      return `+1 ${area} ${exchange} ${line}`;
    case 4:
      return `1-${area}-${exchange}-${line}`;
    default:
      return `${area}.${exchange}.${line}`;
  }
}

/**
 * Yields the file's lines (header first). Rows whose number modulo 1,000 is below `invalidPer1000` are
 * invalid (10 → 1 %), each with one defect, cycling through INVALID_KINDS.
 */
export function* portfolioLines({ rows, seed = 7, invalidPer1000 = 10, idPrefix = 'ACC' }) {
  const r = rng(seed);
  yield HEADER;
  let invalid = 0;
  for (let i = 1; i <= rows; i++) {
    const bad = i % 1000 < invalidPer1000 ? INVALID_KINDS[invalid++ % INVALID_KINDS.length] : null;
    const id = bad === 'account_id' ? '' : `${idPrefix}-${String(i).padStart(8, '0')}`;
    const name = `"${LAST[i % LAST.length]}, ${FIRST[(i >> 3) % FIRST.length]}"`;
    const ph = bad === 'phone' ? '555-12' : phone(r, i);
    const st = bad === 'state' ? 'ZZ' : STATES[i % STATES.length];
    const cents = Math.floor(r() * 500000);
    const balance =
      bad === 'balance'
        ? 'n/a'
        : i % 2
          ? (cents / 100).toFixed(2)
          : `"$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}"`;
    const day = 1 + (i % 28);
    const date =
      bad === 'date'
        ? '13/45/2024'
        : i % 2
          ? `2026-0${1 + (i % 9)}-${String(day).padStart(2, '0')}`
          : `${1 + (i % 9)}/${day}/2026`;
    const bk = bad === 'boolean' ? 'maybe' : i % 97 === 0 ? 'Y' : 'N';
    yield `${id},${name},${ph},${st},${balance},${date},${bk}`;
  }
}

/** The whole file as one string (small files, tests). */
export function portfolioCsv(options) {
  return [...portfolioLines(options)].join('\n') + '\n';
}
