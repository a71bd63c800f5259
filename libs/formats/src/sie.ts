import { flushLateWarning, limitWarning, setField, warning, type PushParser } from './events';
import {
  cellTooLong,
  listTooLong,
  MAX_CELL_LENGTH,
  MAX_LIST_ITEMS,
  MAX_NAME_LENGTH,
  MAX_SIE_ACCOUNTS,
  n as num,
  nameTooLong,
  shown,
} from './limits';
import { isBlank, LineSplitter, TOO_LONG } from './lines';
import { HEAD_BYTES, type Encoding, type TextSource } from './text-source';
import { ParseError, type ParseEvent } from './types';

/** A token of a SIE line: a field, or an object list `{dim obj …}` as its list of fields. */
export type SieToken = string | string[];

/** The encoding `#FORMAT` declares; SIE's default (and PC8) is code page 437. */
export function sieDeclaredEncoding(head: Buffer): Encoding {
  const text = head.subarray(0, HEAD_BYTES).toString('latin1');
  const m = /^[ \t]*#FORMAT[ \t]+"?([A-Za-z0-9-]+)/m.exec(text);
  if (m && /^UTF-?8$/i.test(m[1]!)) return 'utf-8';
  return 'cp437';
}

/**
 * Splits a SIE line from `start` into fields: separated by spaces or tabs; `"…"` quotes a field, with
 * `\"` for a quote inside (other backslashes are literal, as in `C:\dir`); a quote that is never closed
 * runs to the end of the line; `{…}` is an object list (one level: a `{` inside one is literal text).
 * A quote inside an unquoted field is literal.
 */
export function tokenize(line: string, start = 0, end = line.length, nested = false): SieToken[] {
  const tokens: SieToken[] = [];
  let i = start;
  while (i < end) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9) {
      i++;
      continue;
    }
    if (c === 34) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = line.indexOf('"', from);
        if (q === -1 || q >= end) {
          value += line.slice(from, end);
          i = end;
          break;
        }
        if (line.charCodeAt(q - 1) === 92 && q - 1 >= from) {
          value += line.slice(from, q - 1) + '"';
          from = q + 1;
          continue;
        }
        value += line.slice(from, q);
        i = q + 1;
        break;
      }
      tokens.push(value);
      continue;
    }
    if (c === 123 && !nested) {
      const close = closingBrace(line, i + 1, end);
      tokens.push(tokenize(line, i + 1, close, true) as string[]);
      i = close + 1;
      continue;
    }
    let j = i;
    while (j < end) {
      const d = line.charCodeAt(j);
      if (d === 32 || d === 9) break;
      j++;
    }
    tokens.push(line.slice(i, j));
    i = j;
  }
  return tokens;
}

function closingBrace(line: string, from: number, end: number): number {
  let quoted = false;
  for (let i = from; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c === 34 && !(quoted && line.charCodeAt(i - 1) === 92)) quoted = !quoted;
    else if (c === 125 && !quoted) return i;
  }
  return end;
}

/** Labels kept as import metadata (the company header), before the first voucher. */
const META_LABELS = new Set([
  'FLAGGA',
  'FORMAT',
  'SIETYP',
  'PROGRAM',
  'GEN',
  'FNAMN',
  'FNR',
  'ORGNR',
  'ADRESS',
  'RAR',
  'TAXAR',
  'VALUTA',
  'KPTYP',
  'BKOD',
  'FTYP',
  'OMFATTN',
  'PROSA',
]);

const AMOUNT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * SIE types 1–3 hold balances, never vouchers (`#SIETYP`): what each holds, for the refusal. Type 1 holds the
 * year's opening and closing balances, type 2 adds the balance of each period, type 3 adds balances per
 * object (cost centre, project); only type 4 holds vouchers (#VER with #TRANS rows).
 */
const BALANCE_TYPES: Record<string, string> = {
  '1': 'year-end balances',
  '2': 'period balances',
  '3': 'object balances',
};
/** The labels that give a balances-only file's type away when it does not declare one: the highest type wins. */
const BALANCE_LABELS: Record<string, string> = {
  IB: '1',
  UB: '1',
  RES: '1',
  PSALDO: '2',
  PBUDGET: '2',
  OIB: '3',
  OUB: '3',
};

interface Voucher {
  series: string;
  number: string;
  date: string;
  text: string;
  line: number;
  body: boolean;
  /** Sum of the #TRANS amounts in öre. */
  ore: number;
}

const describe = (v: Voucher): string => cut(`${v.series} ${v.number}`.trim()) || '(no number)';
const formatOre = (ore: number): string =>
  `${ore < 0 ? '-' : ''}${Math.floor(Math.abs(ore) / 100)}.${String(Math.abs(ore) % 100).padStart(2, '0')}`;

/**
 * SIE 4 (types 1–4): one record per #TRANS inside a #VER { … } body, with its voucher's series,
 * number, date and text, the account and its #KONTO name, one `dim_<n>` per object in its list, the
 * amount as written, and the transaction date and text as written ('' when absent; the voucher date
 * applies). The company header goes out once as `meta` before the first record: each label in lower
 * case (`fnamn`, `orgnr`, `valuta`, …; `rar_0_start`/`rar_0_end` per #RAR year, `adress` as its parts
 * joined with ", ", `prosa` as the raw rest of its line). Unknown labels and #RTRANS/#BTRANS (the
 * format repeats an added transaction as #TRANS) are ignored.
 *
 * Warnings: a #VER without a body (`voucher_without_body`), a voucher whose amounts do not sum to zero
 * to the öre (`unbalanced_voucher`), a #TRANS outside a voucher or with an amount that is not a number.
 * A file that ends inside a voucher body is a ParseError (truncated). A file without a transaction that
 * declares SIE type 1, 2 or 3 (or, declaring none, holds their balance labels) is a ParseError
 * `sie_balances_only` whose message names the type and says to export SIE 4.
 */
export class SieParser implements PushParser {
  private readonly lines: LineSplitter;
  private readonly accounts = new Map<string, string>();
  private meta: Record<string, string> | null = {};
  private voucher: Voucher | null = null;
  private sawLabel = false;
  private records = 0;
  /** What `#SIETYP` declares, and its line. */
  private declared: { type: string; line: number } | null = null;
  /** The highest type the balance labels met point to ('' when none was met). */
  private balances = '';

  constructor(
    private readonly maxLineBytes: number,
    private readonly source: TextSource,
  ) {
    this.lines = new LineSplitter(maxLineBytes, source);
  }

  push(text: string, out: ParseEvent[]): void {
    this.lines.push(text);
    this.drain(out, false);
  }

  end(out: ParseEvent[]): void {
    this.drain(out, true);
    if (!this.sawLabel)
      throw new ParseError('The file is empty: there is no #FLAGGA line', this.lines.line || 1, 'empty_file');
    const v = this.voucher;
    if (v) {
      if (v.body)
        throw new ParseError(
          `The file ends inside voucher ${describe(v)}: its closing } is missing (the file is truncated)`,
          v.line,
          'truncated_sie',
        );
      this.withoutBody(v, out);
    }
    if (this.records === 0) this.refuseBalancesOnly();
    this.flushMeta(out);
  }

  /**
   * A file without a single transaction that is (or, undeclared, looks like) SIE type 1, 2 or 3 holds
   * balances only: say what it is and what to export instead (ParseError `sie_balances_only`).
   */
  private refuseBalancesOnly(): void {
    const type = this.declared ? this.declared.type : this.balances;
    const what = Object.hasOwn(BALANCE_TYPES, type) ? BALANCE_TYPES[type] : undefined;
    if (!what) return;
    throw new ParseError(
      `This is an SIE type ${type} file — ${what}; export SIE 4 to import transactions`,
      this.declared?.line ?? 1,
      'sie_balances_only',
    );
  }

  private drain(out: ParseEvent[], final: boolean): void {
    for (;;) {
      const text = this.lines.next(final);
      if (text === null) return;
      const line = this.lines.line;
      if (text === TOO_LONG) {
        warning(out, line, 'line_too_long', `The line is longer than ${this.maxLineBytes} bytes; it was skipped`);
        continue;
      }
      if (isBlank(text)) continue;
      this.handle(text, line, out);
    }
  }

  private handle(text: string, line: number, out: ParseEvent[]): void {
    let i = 0;
    while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
    const first = text.charCodeAt(i);
    if (!this.sawLabel) {
      if (first !== 35)
        throw new ParseError(
          'This is not a SIE file: it should start with #FLAGGA and other #LABEL lines',
          line,
          'invalid_sie',
        );
      this.sawLabel = true;
    }
    if (first === 123) {
      const v = this.voucher;
      if (v && !v.body) v.body = true;
      else
        warning(
          out,
          line,
          'unexpected_brace',
          v ? 'A second { inside a voucher body was ignored' : 'A { that does not follow a #VER was ignored',
        );
      return;
    }
    if (first === 125) {
      const v = this.voucher;
      if (!v || !v.body) {
        warning(out, line, 'unexpected_brace', 'A } without a voucher body was ignored');
        return;
      }
      if (v.ore !== 0)
        warning(
          out,
          v.line,
          'unbalanced_voucher',
          `The voucher ${describe(v)} does not balance: its transactions sum to ${formatOre(v.ore)}, not 0`,
        );
      this.voucher = null;
      return;
    }
    if (first !== 35) return;
    let j = i + 1;
    while (j < text.length && text.charCodeAt(j) !== 32 && text.charCodeAt(j) !== 9) j++;
    const label = text.slice(i + 1, j).toUpperCase();

    if (label === 'TRANS') {
      this.transaction(text, j, line, out);
      return;
    }
    if (this.voucher && this.voucher.body) {
      if (label !== 'VER') return; // #RTRANS, #BTRANS and anything else inside a body.
      const v = this.voucher;
      warning(out, v.line, 'unclosed_voucher', `The voucher ${describe(v)} has no closing } before the next #VER`);
      if (v.ore !== 0)
        warning(
          out,
          v.line,
          'unbalanced_voucher',
          `The voucher ${describe(v)} does not balance: its transactions sum to ${formatOre(v.ore)}, not 0`,
        );
      this.voucher = null;
    }
    if (this.voucher && !this.voucher.body) {
      this.withoutBody(this.voucher, out);
      this.voucher = null;
    }
    if (label === 'VER') {
      this.flushMeta(out);
      const t = tokenize(text, j);
      this.voucher = {
        series: str(t[0]),
        number: str(t[1]),
        date: str(t[2]),
        text: str(t[3]),
        line,
        body: false,
        ore: 0,
      };
    } else if (label === 'SIETYP') {
      if (!this.declared) this.declared = { type: str(tokenize(text, j)[0]).trim(), line };
      if (this.meta !== null) this.addMeta(label, text, j);
    } else if (Object.hasOwn(BALANCE_LABELS, label)) {
      if (BALANCE_LABELS[label]! > this.balances) this.balances = BALANCE_LABELS[label]!;
    } else if (label === 'KONTO') {
      const t = tokenize(text, j);
      if (typeof t[0] === 'string') this.account(t[0], str(t[1]), line, out);
    } else if (this.meta !== null && META_LABELS.has(label)) {
      this.addMeta(label, text, j);
    }
  }

  /** Keeps an account's #KONTO name, within MAX_SIE_ACCOUNTS accounts and MAX_NAME_LENGTH characters; else warned and ignored. */
  private account(number: string, name: string, line: number, out: ParseEvent[]): void {
    if (number.length > MAX_NAME_LENGTH || name.length > MAX_NAME_LENGTH) {
      warning(
        out,
        line,
        'account_ignored',
        `The #KONTO account number or name is longer than ${num(MAX_NAME_LENGTH)} characters (name_length); it was ignored`,
      );
      return;
    }
    if (!this.accounts.has(number) && this.accounts.size >= MAX_SIE_ACCOUNTS) {
      warning(
        out,
        line,
        'account_ignored',
        `The file names more than ${num(MAX_SIE_ACCOUNTS)} #KONTO accounts (sie_accounts); this one was ignored`,
      );
      return;
    }
    this.accounts.set(number, name);
  }

  private transaction(text: string, from: number, line: number, out: ParseEvent[]): void {
    const v = this.voucher;
    if (!v || !v.body) {
      warning(out, line, 'trans_outside_voucher', 'A #TRANS outside a voucher body was skipped');
      return;
    }
    this.flushMeta(out);
    if (this.source.lateWarning !== null) flushLateWarning(this.source, line, out);
    const t = tokenize(text, from);
    const account = str(t[0]);
    // The object list is mandatory in SIE 4 but some writers leave it out entirely.
    const objects = Array.isArray(t[1]) ? t[1] : null;
    const rest = objects ? 2 : 1;
    const amount = str(t[rest]);
    const fields: Record<string, string> = {
      ver_series: v.series,
      ver_no: v.number,
      ver_date: v.date,
      ver_text: v.text,
      account,
      account_name: this.accounts.get(account) ?? '',
    };
    if (objects) {
      if (objects.length > MAX_LIST_ITEMS) {
        limitWarning(out, line, listTooLong('object list', objects.length));
        return;
      }
      if (objects.length % 2 === 1)
        warning(
          out,
          line,
          'invalid_object_list',
          `The object list {${cut(objects.join(' '))}} is not pairs of dimension and object; the last one was ignored`,
        );
      for (let k = 0; k + 1 < objects.length; k += 2) {
        const key = `dim_${objects[k]}`;
        if (key.length > MAX_NAME_LENGTH) {
          limitWarning(out, line, nameTooLong(key));
          return;
        }
        setField(fields, key, objects[k + 1]!);
      }
    }
    fields.amount = amount;
    fields.trans_date = str(t[rest + 1]);
    fields.trans_text = str(t[rest + 2]);
    for (const key of Object.keys(fields)) {
      const value = fields[key]!;
      if (value.length > MAX_CELL_LENGTH) {
        limitWarning(out, line, cellTooLong(key, value.length));
        return;
      }
    }
    if (AMOUNT.test(amount)) v.ore += Math.round(Number(amount) * 100);
    else warning(out, line, 'invalid_amount', `The amount ${shown(amount)} is not a number`);
    this.records++;
    out.push({ kind: 'record', record: { line, fields } });
  }

  private withoutBody(v: Voucher, out: ParseEvent[]): void {
    warning(out, v.line, 'voucher_without_body', `The voucher ${describe(v)} has no { … } body, so no transactions`);
  }

  private addMeta(label: string, text: string, from: number): void {
    const meta = this.meta!;
    const key = label.toLowerCase();
    if (label === 'PROSA') {
      meta.prosa = text.slice(from).trim();
      return;
    }
    const t = tokenize(text, from).map((x) => (typeof x === 'string' ? x : x.join(' ')));
    if (label === 'RAR') {
      // Year 0 is the current one, -1 the one before…: anything else would add keys without bound.
      if (t[0] !== undefined && /^-?\d{1,2}$/.test(t[0])) {
        meta[`rar_${t[0]}_start`] = t[1] ?? '';
        meta[`rar_${t[0]}_end`] = t[2] ?? '';
      }
    } else if (label === 'ADRESS') meta.adress = t.filter((x) => x !== '').join(', ');
    else if (label === 'ORGNR' || label === 'GEN' || label === 'FNAMN' || label === 'FNR' || label === 'VALUTA')
      meta[key] = t[0] ?? '';
    else meta[key] = t.join(' ');
  }

  private flushMeta(out: ParseEvent[]): void {
    if (this.meta === null) return;
    out.push({ kind: 'meta', meta: this.meta });
    this.meta = null;
  }
}

/** Text from the file in a message: cut at 60 characters. */
function cut(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function str(token: SieToken | undefined): string {
  if (token === undefined) return '';
  return typeof token === 'string' ? token : token.join(' ');
}
