import { BadRequestException } from '@nestjs/common';
import { HOUR_MS } from '@floor-os/reports';
import { addProblem, fieldProblems, refuseUnknownKeys } from '../common/request-names';
import { alignWindow } from './report-store';

/** The longest report window a request may ask for: 90 days (the benchmark's longest gap window is 30). */
export const MAX_REPORT_WINDOW_HOURS = 90 * 24;

/**
 * An instant with its offset (`2026-03-02T14:00:00Z`, `…T09:00:00.000-05:00`): a report window is instants,
 * not local dates, so a bare date or a time without an offset is refused rather than read in some zone.
 */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
/** Instants the tenant-time functions of libs/reports accept comfortably (years 2000 to 9000). */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(9000, 0, 1);

export interface ReportWindow {
  from: Date;
  to: Date;
}

/**
 * A report's `from`/`to` query (SPEC "Reports": ISO instants, `[from, to)`), aligned to whole UTC hours the
 * way the rollups are kept (`from` floored, `to` ceiled). Without `to` the window ends with the current hour
 * (now, ceiled); without `from` it starts `defaultHours` before `to`. A bad instant, `from` not before `to`,
 * or a window longer than 90 days is a 400 naming the field(s); any other query key is a 400 naming it.
 */
export function parseReportWindow(query: unknown, defaultHours: number, now = Date.now()): ReportWindow {
  refuseUnknownKeys(query ?? {}, ['from', 'to'], 'query');
  const problems = fieldProblems();
  const read = (name: 'from' | 'to'): number | undefined => {
    const value = Object.hasOwn(query as object, name) ? (query as Record<string, unknown>)[name] : undefined;
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !ISO_INSTANT.test(value)) {
      addProblem(problems, name, `${name} must be an ISO instant with its offset, such as 2026-03-02T14:00:00Z`);
      return undefined;
    }
    const at = Date.parse(value);
    if (Number.isNaN(at) || at < EARLIEST || at > LATEST) {
      addProblem(problems, name, `${name} must be a real instant between the years 2000 and 9000`);
      return undefined;
    }
    return at;
  };
  const rawFrom = read('from');
  const rawTo = read('to');
  if (Object.keys(problems).length > 0)
    throw new BadRequestException({ message: 'Invalid report window', code: 'VALIDATION_FAILED', fields: problems });

  const to = rawTo ?? Math.ceil(now / HOUR_MS) * HOUR_MS;
  const from = rawFrom ?? to - defaultHours * HOUR_MS;
  if (from >= to) {
    addProblem(problems, rawFrom !== undefined ? 'from' : 'to', 'from must be before to');
  } else {
    const aligned = alignWindow(new Date(from), new Date(to));
    if (aligned.to.getTime() - aligned.from.getTime() > MAX_REPORT_WINDOW_HOURS * HOUR_MS) {
      // Name what the caller gave: the field that pushed the window past its bound.
      for (const name of ['from', 'to'] as const) {
        if ((name === 'from' ? rawFrom : rawTo) !== undefined)
          addProblem(problems, name, `a report window may be at most 90 days (${MAX_REPORT_WINDOW_HOURS} hours)`);
      }
    } else {
      return aligned;
    }
  }
  throw new BadRequestException({ message: 'Invalid report window', code: 'VALIDATION_FAILED', fields: problems });
}
