/**
 * PDF rendering of the report documents (SPEC P2–P4, decided detail 26): pure functions, data in and the
 * PDF's bytes out; the same input always gives the same bytes, so a stored snapshot's SHA-256 can be checked
 * by rendering it again.
 */
export { renderGapReportPdf, type GapReportPdfOptions, type GapSignature } from './gap-report-pdf';
export { renderWeeklyReviewPdf } from './weekly-review-pdf';
export { renderUsageReadoutPdf, type ReadoutDay } from './usage-readout-pdf';
export { reportFontPaths, type ReportTenant } from './document';
export { LATENCY_P95_TARGET_MS, WEBHOOK_SUCCESS_TARGET } from './targets';
