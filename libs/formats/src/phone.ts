import { Metadata, parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * The shapes a US number is usually written in: +1XXXXXXXXXX, 1XXXXXXXXXX, XXXXXXXXXX,
 * (XXX) XXX-XXXX, XXX-XXX-XXXX, XXX.XXX.XXXX, XXX XXX XXXX, optionally after "+1"/"1" and a separator.
 * Only area codes starting 2–9: anything else goes to the library, which may strip a national prefix.
 */
const US_SHAPE = /^ *(?:\+?1[ .-]?)?(?:\(([2-9]\d\d)\) ?|([2-9]\d\d)[ .-]?)(\d{3})[ .-]?(\d{4}) *$/;

// The phone number types libphonenumber-js checks, in its order (helpers/getNumberType.js).
const TYPES = [
  'FIXED_LINE',
  'MOBILE',
  'PREMIUM_RATE',
  'TOLL_FREE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
];

interface Plan {
  leading: string | null;
  national: RegExp;
  hasTypes: boolean;
  /** Every type pattern that allows 10 digits, as one alternation: a fast-path number is valid in the plan when any matches. */
  types10: RegExp | null;
}

interface Step {
  /** A plan tried by its types … */
  plan: Plan | null;
  /** … or an alternation of leading-digit patterns, `markers[i]` being the group that says plans[i] matched. */
  leading: RegExp | null;
  plans: Plan[];
  markers: number[];
}

// The library's own metadata, read through its (untyped) numbering-plan accessors.
interface NumberingPlanInternals {
  leadingDigits(): string | undefined;
  nationalNumberPattern(): string;
  hasTypes(): boolean;
  type(name: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}
interface MetadataInternals {
  getCountryCodesForCallingCode(code: string): string[] | undefined;
  selectNumberingPlan(country: string): void;
  numberingPlan: NumberingPlanInternals;
}

const anchored = (pattern: string): RegExp => new RegExp(`^(?:${pattern})$`);

/**
 * The NANP numbering plans in the library's order, compiled once, as steps: a plan without leading
 * digits is tried by its types; a run of plans with leading digits becomes one alternation (same
 * patterns, same order, so the first match is the same plan). Null when the metadata is not as expected.
 */
function loadSteps(): Step[] | null {
  try {
    const metadata = new Metadata() as unknown as MetadataInternals;
    const countries = metadata.getCountryCodesForCallingCode('1');
    if (!countries || countries[0] !== 'US') return null;
    const plans = countries.map((country): Plan => {
      metadata.selectNumberingPlan(country);
      const plan = metadata.numberingPlan;
      // isNumberTypeEqualTo: a type counts when it has a pattern and its possible lengths (if any) include the length.
      const patterns: string[] = [];
      for (const name of TYPES) {
        const type = plan.type(name);
        const pattern = type?.pattern();
        const lengths = type?.possibleLengths();
        if (type && pattern && (!lengths || lengths.includes(10))) patterns.push(`(?:${pattern})`);
      }
      return {
        leading: plan.leadingDigits() || null,
        national: anchored(plan.nationalNumberPattern()),
        hasTypes: plan.hasTypes(),
        types10: patterns.length > 0 ? anchored(patterns.join('|')) : null,
      };
    });
    if (plans[0]!.leading !== null) return null;
    const steps: Step[] = [];
    for (const plan of plans) {
      if (plan.leading === null) {
        steps.push({ plan, leading: null, plans: [], markers: [] });
        continue;
      }
      let step = steps[steps.length - 1]!;
      if (step.leading === null) steps.push((step = { plan: null, leading: /$^/, plans: [], markers: [] }));
      step.plans.push(plan);
    }
    for (const step of steps) {
      if (step.leading === null) continue;
      // Each alternative ends with an empty group that marks which plan matched.
      let group = 1;
      const alternatives = step.plans.map((plan) => {
        group += new RegExp(`${plan.leading}|`).exec('')!.length - 1;
        step.markers.push(group++);
        return `(?:${plan.leading})()`;
      });
      step.leading = new RegExp(`^(?:${alternatives.join('|')})`);
    }
    return steps;
  } catch {
    return null;
  }
}

const STEPS = loadSteps();

/** helpers/getNumberType.js for a 10-digit number: does it have a type in this plan? */
function hasType(national: string, plan: Plan): boolean {
  return plan.types10 !== null && plan.national.test(national) && plan.types10.test(national);
}

/** isValid.js once the country is known: its types when it has any, else its national number pattern. */
function validIn(national: string, plan: Plan): boolean {
  return plan.hasTypes ? hasType(national, plan) : plan.national.test(national);
}

/**
 * What parse(…).isValid() decides for a 10-digit NANP national number: the country is the first NANP
 * plan whose leading digits match, or else that the number has a type in (getCountryByNationalNumber.js);
 * with none, the default plan, US (the first step).
 */
function validNanp(national: string, steps: Step[]): boolean {
  for (const step of steps) {
    if (step.plan !== null) {
      if (hasType(national, step.plan)) return true;
      continue;
    }
    const m = step.leading!.exec(national);
    if (m === null) continue;
    const markers = step.markers;
    for (let i = 0; i < markers.length; i++) if (m[markers[i]!] !== undefined) return validIn(national, step.plans[i]!);
  }
  return validIn(national, steps[0]!.plan!);
}

function viaLibrary(raw: string): string | null {
  const parsed = parsePhoneNumberFromString(raw, 'US');
  return parsed && parsed.isValid() ? parsed.number : null;
}

/**
 * A phone number in E.164 (`+12015550123`), or null when it is not a valid number. Exactly what
 * libphonenumber-js's `parsePhoneNumberFromString(raw, 'US')` → `isValid() ? number : null` returns,
 * but the common US shapes skip the library's parser (about 25 µs) and are checked against its NANP
 * metadata directly (well under 1 µs); everything else (extensions, letters, +44 …) goes to the library.
 */
export function toE164(raw: string): string | null {
  if (typeof raw !== 'string') return null;
  const m = STEPS === null ? null : US_SHAPE.exec(raw);
  if (m === null) return viaLibrary(raw);
  const national = (m[1] ?? m[2]!) + m[3]! + m[4]!;
  return validNanp(national, STEPS!) ? `+1${national}` : null;
}
