import type {
  CoverageReport,
  DashboardView,
  GapReport,
  GapSignOffView,
  ReviewActionView,
  TenantView,
  UsageReport,
  WeeklyReviewView,
} from '@floor-os/contracts';
import { API_URL, httpClient } from './http';

/** A report window: ISO instants, `[from, to)`. Omitted, the API applies the report's default window. */
export interface ReportWindow {
  from?: string;
  to?: string;
}

export type MilestoneDay = 30 | 60 | 90;
export type MilestoneDecision = 'continue' | 'expand' | 'pause';

export interface ReviewActionInput {
  title?: string;
  owner_id?: string | null;
  due_date?: string | null;
  done?: boolean;
}

/**
 * The report calls that are not CRUD (SPEC "Reports" table), as custom methods of the data provider, so
 * pages read them with `useDataProvider` and react-query (`useQuery`/`useMutation`) like any other data.
 * The lists (weekly reviews, gap sign-offs) stay CRUD resources (`reports/weekly-reviews`,
 * `reports/gap/sign-offs`) read by `<List>`.
 */
export interface ReportsMethods {
  getDashboard(): Promise<DashboardView>;
  getCoverage(window: ReportWindow): Promise<CoverageReport>;
  getGapReport(window: ReportWindow): Promise<GapReport>;
  signGapReport(input: { from: string; to: string; note?: string }): Promise<GapSignOffView>;
  getWeeklyReview(id: string): Promise<WeeklyReviewView>;
  generateWeeklyReview(input: { week_start?: string }): Promise<WeeklyReviewView>;
  saveReviewMinutes(id: string, text: string): Promise<WeeklyReviewView>;
  getReviewActions(id: string): Promise<ReviewActionView[]>;
  addReviewAction(id: string, input: ReviewActionInput & { title: string }): Promise<ReviewActionView>;
  updateReviewAction(id: string, actionId: string, input: ReviewActionInput): Promise<ReviewActionView>;
  getUsage(window: ReportWindow): Promise<UsageReport>;
  decideMilestone(input: { day: MilestoneDay; decision: MilestoneDecision; note: string }): Promise<unknown>;
  getTenant(): Promise<TenantView>;
  updateTenant(input: { timezone?: string; queue_throughput_baseline?: number | null }): Promise<TenantView>;
}

/** `?from=…&to=…` with only the bounds given. */
export function windowQuery(window: ReportWindow): string {
  const params = new URLSearchParams();
  if (window.from) params.set('from', window.from);
  if (window.to) params.set('to', window.to);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Where a report file is downloaded from (same origin, the session cookie goes along). */
export const reportFileUrl = {
  gapCsv: (window: ReportWindow) => `${API_URL}/reports/gap.csv${windowQuery(window)}`,
  gapPdf: (window: ReportWindow) => `${API_URL}/reports/gap.pdf${windowQuery(window)}`,
  signOffPdf: (id: string) => `${API_URL}/reports/gap/sign-offs/${encodeURIComponent(id)}/pdf`,
  weeklyReviewPdf: (id: string) => `${API_URL}/reports/weekly-reviews/${encodeURIComponent(id)}/pdf`,
  usageReadoutPdf: (day: MilestoneDay) => `${API_URL}/reports/usage/readout.pdf?day=${day}`,
};

async function call<T>(path: string, method = 'GET', body?: unknown): Promise<T> {
  const { json } = await httpClient(`${API_URL}${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return json as T;
}

const review = (id: string) => `/reports/weekly-reviews/${encodeURIComponent(id)}`;

export const reportsMethods: ReportsMethods = {
  getDashboard: () => call('/dashboard'),
  getCoverage: (window) => call(`/reports/coverage${windowQuery(window)}`),
  getGapReport: (window) => call(`/reports/gap${windowQuery(window)}`),
  signGapReport: (input) => call('/reports/gap/sign-offs', 'POST', input),
  getWeeklyReview: (id) => call(review(id)),
  generateWeeklyReview: (input) => call('/reports/weekly-reviews', 'POST', input),
  saveReviewMinutes: (id, text) => call(`${review(id)}/minutes`, 'PUT', { text }),
  getReviewActions: (id) => call(`${review(id)}/actions`),
  addReviewAction: (id, input) => call(`${review(id)}/actions`, 'POST', input),
  updateReviewAction: (id, actionId, input) =>
    call(`${review(id)}/actions/${encodeURIComponent(actionId)}`, 'PUT', input),
  getUsage: (window) => call(`/reports/usage${windowQuery(window)}`),
  decideMilestone: (input) => call('/reports/usage/decisions', 'PUT', input),
  getTenant: () => call('/tenant'),
  updateTenant: (input) => call('/tenant', 'PUT', input),
};
