import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, TestApp } from './support/app';
import { Http } from './support/http';

/**
 * The OpenAPI document is what an integrator builds a client from (`/api/docs-json`). Every operation says
 * what its 2xx answer looks like, and its error answers use the one error shape. The TypeScript types that
 * `openapi-typescript` generates from the document must agree with `libs/contracts`, the types the panel
 * reads: each generated answer is assigned to its contract type and back, and `tsc` must accept both; and the
 * two name the same fields (an optional field missing on one side would otherwise pass).
 */

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
const ROOT = resolve(__dirname, '../../..');

type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };

/**
 * Generated answer ↔ contract type. `path` and `method` name the operation, `status` its 2xx answer;
 * `contract` is a type expression over `@floor-os/contracts` (imported as `C`).
 */
const AGREEMENTS: { name: string; path: string; method: string; status: number; contract: string }[] = [
  // The gate and its panel door.
  {
    name: 'gate contact-check',
    path: '/api/v1/compliance/contact-check',
    method: 'post',
    status: 200,
    contract: 'C.ContactCheckAnswer',
  },
  {
    name: 'gate contact-check (panel door)',
    path: '/api/v1/compliance/contact-check/session',
    method: 'post',
    status: 200,
    contract: 'C.ContactCheckAnswer',
  },
  // Imports.
  { name: 'import view', path: '/api/v1/imports/{id}', method: 'get', status: 200, contract: 'C.ImportView' },
  { name: 'import upload', path: '/api/v1/imports', method: 'post', status: 201, contract: 'C.ImportView' },
  { name: 'import list', path: '/api/v1/imports', method: 'get', status: 200, contract: 'C.ImportView[]' },
  {
    name: "operator's import view",
    path: '/sys/onboarding/{tenant_id}/imports/{id}',
    method: 'get',
    status: 200,
    contract: 'C.ImportView',
  },
  // Reports.
  {
    name: 'coverage report',
    path: '/api/v1/reports/coverage',
    method: 'get',
    status: 200,
    contract: 'C.CoverageReport',
  },
  { name: 'gap report', path: '/api/v1/reports/gap', method: 'get', status: 200, contract: 'C.GapReport' },
  {
    name: 'gap sign-off',
    path: '/api/v1/reports/gap/sign-offs/{id}',
    method: 'get',
    status: 200,
    contract: 'C.GapSignOffView',
  },
  {
    name: 'weekly review',
    path: '/api/v1/reports/weekly-reviews/{id}',
    method: 'get',
    status: 200,
    contract: 'C.WeeklyReviewView',
  },
  {
    name: 'weekly review list',
    path: '/api/v1/reports/weekly-reviews',
    method: 'get',
    status: 200,
    contract: 'C.WeeklyReviewSummary[]',
  },
  {
    name: 'weekly review action',
    path: '/api/v1/reports/weekly-reviews/{id}/actions',
    method: 'post',
    status: 201,
    contract: 'C.ReviewActionView',
  },
  { name: 'usage readout', path: '/api/v1/reports/usage', method: 'get', status: 200, contract: 'C.UsageReport' },
  { name: 'dashboard', path: '/api/v1/dashboard', method: 'get', status: 200, contract: 'C.DashboardView' },
  // The other answers that have a contract type.
  { name: 'session', path: '/api/v1/auth/me', method: 'get', status: 200, contract: 'C.SessionView' },
  { name: 'tenant', path: '/api/v1/tenant', method: 'get', status: 200, contract: 'C.TenantView' },
  { name: 'user', path: '/api/v1/users/{id}', method: 'get', status: 200, contract: 'C.UserView' },
  {
    name: 'created user',
    path: '/api/v1/users',
    method: 'post',
    status: 201,
    contract: 'C.UserView & C.IssuedInvitation',
  },
  { name: 'api key', path: '/api/v1/api-keys/{id}', method: 'get', status: 200, contract: 'C.ApiKeyView' },
  { name: 'created api key', path: '/api/v1/api-keys', method: 'post', status: 201, contract: 'C.CreatedApiKey' },
  {
    name: 'admin audit entry',
    path: '/api/v1/audit-log/{id}',
    method: 'get',
    status: 200,
    contract: 'C.AuditEntryView',
  },
  { name: 'vendor cards', path: '/api/v1/vendors', method: 'get', status: 200, contract: 'C.VendorCardView[]' },
  {
    name: 'deep links',
    path: '/api/v1/accounts/{account_id}/deep-links',
    method: 'get',
    status: 200,
    contract: 'C.AccountDeepLinkView[]',
  },
  {
    name: 'deep link open',
    path: '/api/v1/accounts/{account_id}/deep-links/{vendor}/open',
    method: 'post',
    status: 200,
    contract: 'C.DeepLinkOpenView',
  },
  {
    name: 'webhook deliveries',
    path: '/api/v1/webhook-deliveries',
    method: 'get',
    status: 200,
    contract: 'C.WebhookDeliveryView[]',
  },
  {
    name: 'webhook health',
    path: '/api/v1/webhook-health',
    method: 'get',
    status: 200,
    contract: 'C.WebhookHealthView',
  },
  { name: 'my queue', path: '/api/v1/my-queue', method: 'get', status: 200, contract: 'C.QueueItemView[]' },
  { name: 'team agents', path: '/api/v1/team-agents', method: 'get', status: 200, contract: 'C.TeamAgentView[]' },
  {
    name: 'integration inventory',
    path: '/api/v1/integration-inventory',
    method: 'get',
    status: 200,
    contract: 'C.IntegrationInventoryView',
  },
  {
    name: 'offboarding cases',
    path: '/api/v1/offboarding',
    method: 'get',
    status: 200,
    contract: 'C.OffboardingCaseView[]',
  },
  {
    name: 'offboarding case',
    path: '/api/v1/offboarding/{id}',
    method: 'get',
    status: 200,
    contract: 'C.OffboardingCaseDetail',
  },
  { name: 'sso settings', path: '/api/v1/sso', method: 'get', status: 200, contract: 'C.SsoSettingsView' },
  {
    name: "this browser's session",
    path: '/api/v1/auth/session',
    method: 'get',
    status: 200,
    contract: 'C.CurrentSessionView',
  },
  { name: 'tenant created', path: '/api/v1/tenants', method: 'post', status: 201, contract: 'C.CreatedTenant' },
  { name: 'whoami', path: '/api/v1/auth/whoami', method: 'get', status: 200, contract: 'C.WhoAmIView' },
  { name: 'sso start', path: '/api/v1/auth/sso/start', method: 'post', status: 200, contract: 'C.SsoStartView' },
  {
    name: 'invitation accepted',
    path: '/api/v1/invitations/accept',
    method: 'post',
    status: 200,
    contract: 'C.AcceptedInvitation',
  },
  {
    name: 'queue assignment',
    path: '/api/v1/queue-assignments',
    method: 'post',
    status: 200,
    contract: 'C.QueueAssignmentResult',
  },
  {
    name: 'offboarding reassignment',
    path: '/api/v1/offboarding/{id}/reassign',
    method: 'post',
    status: 200,
    contract: 'C.OffboardingReassignResult',
  },
  {
    name: 'webhook receipt',
    path: '/api/v1/webhooks/generic/{tenant_id}',
    method: 'post',
    status: 202,
    contract: 'C.WebhookReceipt',
  },
  // Accounts.
  { name: 'account list', path: '/api/v1/accounts', method: 'get', status: 200, contract: 'C.AccountView[]' },
  { name: 'account', path: '/api/v1/accounts/{id}', method: 'get', status: 200, contract: 'C.AccountDetailView' },
  {
    name: 'consumer request',
    path: '/api/v1/accounts/{id}/consumer-requests',
    method: 'post',
    status: 200,
    contract: 'C.AccountView',
  },
  {
    name: 'accounts bulk',
    path: '/api/v1/accounts/bulk',
    method: 'post',
    status: 200,
    contract: 'C.AccountBulkResult',
  },
  // Gate decisions: the audit trail, annotations and disputes.
  { name: 'decision list', path: '/api/v1/decisions', method: 'get', status: 200, contract: 'C.DecisionView[]' },
  {
    name: 'decision',
    path: '/api/v1/decisions/{audit_id}',
    method: 'get',
    status: 200,
    contract: 'C.DecisionDetailView',
  },
  {
    name: 'audit drill-down',
    path: '/api/v1/compliance/audit/{audit_id}',
    method: 'get',
    status: 200,
    contract: 'C.DecisionDetailView',
  },
  {
    name: 'annotation',
    path: '/api/v1/compliance/audit/{audit_id}/annotations',
    method: 'post',
    status: 201,
    contract: 'C.AnnotationView',
  },
  {
    name: 'drill-downs per week',
    path: '/api/v1/compliance/drilldowns',
    method: 'get',
    status: 200,
    contract: 'C.DrilldownWeekView[]',
  },
  { name: 'dispute list', path: '/api/v1/disputes', method: 'get', status: 200, contract: 'C.DisputeView[]' },
  { name: 'dispute', path: '/api/v1/disputes/{id}', method: 'get', status: 200, contract: 'C.DisputeView' },
  { name: 'dispute resolved', path: '/api/v1/disputes/{id}', method: 'put', status: 200, contract: 'C.DisputeView' },
  // The suppression list.
  {
    name: 'suppression list',
    path: '/api/v1/suppression',
    method: 'get',
    status: 200,
    contract: 'C.SuppressionEntryView[]',
  },
  {
    name: 'suppression import',
    path: '/api/v1/suppression/import',
    method: 'post',
    status: 200,
    contract: 'C.SuppressionImportResult',
  },
  // Tenant onboarding (the operators' workbench) and the operators' course.
  { name: 'onboarding board', path: '/sys/onboarding', method: 'get', status: 200, contract: 'C.OnboardingBoardRow[]' },
  {
    name: 'onboarding checklist',
    path: '/sys/onboarding/{tenant_id}',
    method: 'get',
    status: 200,
    contract: 'C.OnboardingChecklistView',
  },
  {
    name: 'onboarding step change',
    path: '/sys/onboarding/{tenant_id}/steps/{step_id}',
    method: 'patch',
    status: 200,
    contract: 'C.OnboardingChecklistView',
  },
  {
    name: 'onboarding retrospective',
    path: '/sys/onboarding/retrospective',
    method: 'get',
    status: 200,
    contract: 'C.OnboardingRetrospective',
  },
  {
    name: 'health check',
    path: '/sys/onboarding/{tenant_id}/health-check',
    method: 'post',
    status: 200,
    contract: 'C.HealthCheckResult',
  },
  {
    name: 'health check runs',
    path: '/sys/onboarding/{tenant_id}/health-checks',
    method: 'get',
    status: 200,
    contract: 'C.HealthCheckRun[]',
  },
  { name: 'operators', path: '/sys/operators', method: 'get', status: 200, contract: 'C.OperatorRowView[]' },
  {
    name: 'operator course',
    path: '/sys/operators/{user_id}/course',
    method: 'get',
    status: 200,
    contract: 'C.OperatorCourseView',
  },
];

/** Every operation in the document as `METHOD /path`, with its operation object. */
function operations(doc: OpenAPI3): [string, Operation][] {
  const found: [string, Operation][] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (operation) found.push([`${method.toUpperCase()} ${path}`, operation]);
    }
  }
  return found;
}

/** A probe that assigns each generated answer to its contract type and back; `tsc` reports where they disagree. */
function probeSource(): string {
  const lines = [
    "import type * as C from '@floor-os/contracts';",
    "import type { paths } from './schema';",
    '',
    "/** The JSON body of an operation's answer with this status (never when the document has none). */",
    "type Answer<Op, S extends number> = Op extends { responses: { [K in S]: { content: { 'application/json': infer T } } } } ? T : never;",
    '/** `any` or `never` would agree with everything one way: the answer must be neither. */',
    'type Real<T> = 0 extends 1 & T ? { error: "the answer is typed any" } : [T] extends [never] ? { error: "the document has no such answer" } : T;',
    '/** The field names of an answer (of its items, for a list); of every member, for a union. */',
    'type Fields<T> = T extends readonly (infer E)[] ? Fields<E> : T extends object ? keyof T : never;',
    '/** Assignability forgives a missing optional field; the names must match too, both ways. */',
    'type SameFields<W, C> = [Exclude<Fields<C>, Fields<W>>] extends [never] ? [Exclude<Fields<W>, Fields<C>>] extends [never] ? true : { not_in_contract: Exclude<Fields<W>, Fields<C>> } : { not_in_document: Exclude<Fields<C>, Fields<W>> };',
    '',
  ];
  AGREEMENTS.forEach((a, i) => {
    lines.push(`// ${a.name}: ${a.method.toUpperCase()} ${a.path} → ${a.status}`);
    lines.push(
      `type Wire${i} = Real<Answer<paths[${JSON.stringify(a.path)}][${JSON.stringify(a.method)}], ${a.status}>>;`,
    );
    lines.push(`declare const wire${i}: Wire${i};`);
    lines.push(`declare const contract${i}: ${a.contract};`);
    lines.push(`export const toContract${i}: ${a.contract} = wire${i};`);
    lines.push(`export const toWire${i}: Wire${i} = contract${i};`);
    lines.push(`export const fields${i}: SameFields<Wire${i}, ${a.contract}> = true;`);
  });
  return lines.join('\n') + '\n';
}

/** `tsc --noEmit` over the probe (through the compiler API); the diagnostics as text, empty when it compiles. */
function typeCheck(dir: string, probe: string): string[] {
  const options: ts.CompilerOptions = {
    noEmit: true,
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    // As the contracts are compiled (the root tsconfig): ES2023 and Node's types (URL).
    lib: ['lib.es2023.d.ts'],
    types: ['node'],
    typeRoots: [join(ROOT, 'node_modules/@types')],
    paths: {
      '@floor-os/contracts': [join(ROOT, 'libs/contracts/src/index.ts')],
      '@floor-os/personas': [join(ROOT, 'libs/personas/src/index.ts')],
    },
  };
  const program = ts.createProgram([probe], options);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return text;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    const source = d.file.text.split('\n')[line]?.trim();
    const where = d.file.fileName.startsWith(dir) ? d.file.fileName.slice(dir.length + 1) : d.file.fileName;
    return `${where}:${line + 1}: ${source}\n  ${text}`;
  });
}

describe('OpenAPI document: the integrator contract', () => {
  let t: TestApp;
  let doc: OpenAPI3;
  let dir: string;

  beforeAll(async () => {
    t = await startApp();
    const answer = await new Http(t.baseUrl).get('/api/docs-json');
    expect(answer.status).toBe(200);
    doc = answer.body;
    dir = mkdtempSync(join(tmpdir(), 'floor-openapi-'));
  });

  afterAll(async () => {
    await t?.close();
    if (dir && !process.env.KEEP_OPENAPI_TYPES) rmSync(dir, { recursive: true, force: true });
    else if (dir) console.info(`OpenAPI document and generated types kept in ${dir}`);
  });

  it('should document a 2xx answer with a schema for every operation (a declared 204, or a redirect, answers no body)', () => {
    const undocumented = operations(doc)
      .filter(([, op]) => {
        const answers = Object.entries(op.responses ?? {});
        const bodiless = answers.some(([status]) => status === '204' || /^30[1-8]$/.test(status));
        const schema = answers.some(
          ([status, response]) =>
            /^2\d\d$/.test(status) && Object.values(response.content ?? {}).some((media) => media.schema !== undefined),
        );
        return !bodiless && !schema;
      })
      .map(([name]) => name);
    expect(operations(doc).length).toBeGreaterThan(90);
    expect(undocumented, `operations without a 2xx schema:\n${undocumented.join('\n')}`).toEqual([]);
  });

  it('should answer errors in the one error shape, and name 500 on every operation', () => {
    const schemas = (doc.components?.schemas ?? {}) as Record<
      string,
      { properties?: Record<string, unknown>; required?: string[] }
    >;
    expect(schemas.ErrorResponse?.required?.sort()).toEqual(['correlation_id', 'error', 'message', 'status_code']);
    expect(Object.keys(schemas.ErrorResponse?.properties ?? {}).sort()).toEqual([
      'code',
      'correlation_id',
      'error',
      'fields',
      'message',
      'status_code',
    ]);
    const problems: string[] = [];
    for (const [name, op] of operations(doc)) {
      if (!op.responses?.['500']) problems.push(`${name}: no 500`);
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (!/^[45]\d\d$/.test(status) || (name.startsWith('GET /health/ready') && status === '503')) continue;
        const schema = response.content?.['application/json']?.schema as { $ref?: string } | undefined;
        if (schema?.$ref !== '#/components/schemas/ErrorResponse')
          problems.push(`${name}: ${status} is not the error shape`);
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('should generate types (openapi-typescript) that agree with libs/contracts (gate, imports, reports, accounts, decisions, onboarding, course…)', async () => {
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc, null, 2));
    const schema = astToString(await openapiTS(doc));
    writeFileSync(join(dir, 'schema.ts'), schema);
    const probe = join(dir, 'probe.ts');
    writeFileSync(probe, probeSource());
    const diagnostics = typeCheck(dir, probe);
    expect(diagnostics, diagnostics.join('\n\n')).toEqual([]);
  }, 120_000);
});
