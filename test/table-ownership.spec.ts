// Table ownership, run inside `npm test` (vitest project `lint`): each API module touches only the tables its
// `@Entity('…')` classes declare; the reports module, the read model, may read any table but write none of
// another module's; the rest is the commented allow-list in test/table-ownership.allow-list.ts, which may only
// shrink. docs/development.md ("The read model") explains the rule and its exceptions.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  checkOwnership,
  entityClasses,
  entityOwners,
  tableAccesses,
  type AllowEntry,
  type SourceFile,
} from './table-ownership';
import { ALLOW_LIST } from './table-ownership.allow-list';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const API_SRC = join(root, 'apps/api/src');

/**
 * The read model: the reports module as a whole (its rollups, reports and the WeeklyReview read the other
 * modules' tables) and, inside it, reports/read-model/ with the queries the dashboard, onboarding, admin
 * changes, decisions, accounts, work queues and metrics ask through ReadModelModule.
 */
const READ_MODEL = ['reports/'];

/** Every TypeScript source of the API (relative to apps/api/src), tests left out. */
function apiSources(): SourceFile[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return ['test', '__tests__', 'migrations'].includes(entry.name) ? [] : walk(path);
      return entry.name.endsWith('.ts') && !/\.(spec|test)\.ts$/.test(entry.name) ? [path] : [];
    });
  return walk(API_SRC).map((path) => ({
    path: relative(API_SRC, path).split(sep).join('/'),
    text: readFileSync(path, 'utf8'),
  }));
}

describe('table ownership', () => {
  it('each module touches only its own tables, the read model writes none of the others, and every allow-list entry is still used', () => {
    const files = apiSources();
    const owners = entityOwners(files);
    // The map is derived, not written by hand: a sanity check that the scan found the entities at all.
    expect(owners.get('compliance_event_log')).toBe('gate');
    expect(owners.get('account')).toBe('accounts');
    const { violations, stale } = checkOwnership(files, {
      owners,
      classes: entityClasses(files),
      readModel: READ_MODEL,
      allowList: ALLOW_LIST,
    });
    expect
      .soft(
        violations,
        "another module's table touched (read it through apps/api/src/reports/read-model/, write it through its owner's service)",
      )
      .toEqual([]);
    expect(stale, 'allow-list entries in test/table-ownership.allow-list.ts whose access is gone: delete them').toEqual(
      [],
    );
  });
});

describe('the table-ownership scanner', () => {
  const ENTITIES: SourceFile[] = [
    { path: 'accounts/account.entity.ts', text: "@Entity('account')\nexport class Account {}" },
    { path: 'tenants/tenant.entity.ts', text: "@Entity('tenant')\n@Index(['slug'])\nexport class Tenant {}" },
    {
      path: 'gate/compliance-event.entity.ts',
      text: "@Entity({ name: 'compliance_event_log', synchronize: false })\nexport class ComplianceEvent {}",
    },
  ];
  const owners = entityOwners(ENTITIES);
  const classes = entityClasses(ENTITIES);
  const check = (text: string, path: string, allowList: AllowEntry[] = []) =>
    checkOwnership([...ENTITIES, { path, text }], { owners, classes, readModel: ['reports/'], allowList });

  it('derives the owner of each table, and the table of each entity class, from the decorators', () => {
    expect([...owners]).toEqual([
      ['account', 'accounts'],
      ['tenant', 'tenants'],
      ['compliance_event_log', 'gate'],
    ]);
    expect(classes.get('Tenant')).toBe('tenant');
  });

  it("fails on a FROM of another module's table, naming file, line and table", () => {
    const source = 'const db = x;\nawait db.query(\n  `SELECT a.id\n     FROM account a WHERE a.tenant_id = $1`,\n);';
    expect(check(source, 'dashboard/dashboard.service.ts').violations).toEqual([
      'dashboard/dashboard.service.ts:4 dashboard touches account (owned by accounts) via FROM',
    ]);
  });

  it('sees JOIN, INSERT INTO, UPDATE, DELETE FROM and COPY in any case, quoted or schema-qualified', () => {
    const source = [
      "q('select 1 from tenant t join account a on a.tenant_id = t.id');",
      'q(`insert into "account" (id) values ($1)`);',
      "q('Update public.account SET x = 1');",
      "q('DELETE FROM account WHERE id = $1');",
      "q('COPY account (id) FROM STDIN');",
    ].join('\n');
    expect(check(source, 'tenants/tenants.service.ts').violations).toEqual([
      'tenants/tenants.service.ts:1 tenants touches account (owned by accounts) via join',
      'tenants/tenants.service.ts:2 tenants touches account (owned by accounts) via insert into',
      'tenants/tenants.service.ts:3 tenants touches account (owned by accounts) via Update',
      'tenants/tenants.service.ts:4 tenants touches account (owned by accounts) via DELETE FROM',
      'tenants/tenants.service.ts:5 tenants touches account (owned by accounts) via COPY',
    ]);
  });

  it('sees query-builder calls that name a table or take an entity class', () => {
    const source = [
      "db.createQueryBuilder().select('t.id').from('tenant', 't');",
      'db.getRepository(Tenant).find();',
      'db.getRepository(Tenant).save(row);',
      'manager.insert().into(Account).values(v);',
      "db.createQueryBuilder().delete().from('account').where('id = :id');",
    ].join('\n');
    const path = 'reports/read-model/x.read-model.ts';
    // Reads pass in the read model; the two writes do not.
    expect(check(source, path).violations).toEqual([
      `${path}:3 the read model writes tenant (owned by tenants) via getRepository(Tenant)`,
      `${path}:4 the read model writes account (owned by accounts) via into(Account)`,
      `${path}:5 the read model writes account (owned by accounts) via .from()`,
    ]);
    expect(check(source, 'vendors/vendors.service.ts').violations).toHaveLength(5);
  });

  it('passes a module on its own table, and words in comments or import paths', () => {
    const source = [
      '// Reads from tenant settings, joins account facts.',
      "import { Tenant } from '../tenants/tenants.public';",
      "await db.query('SELECT id FROM account WHERE tenant_id = $1', [tenant]);",
    ].join('\n');
    expect(check(source, 'accounts/accounts.service.ts')).toEqual({ violations: [], stale: [] });
  });

  it("passes the read model's SELECT of any table and fails its INSERT into another module's", () => {
    const select = 'q(`SELECT count(*) FROM compliance_event_log e JOIN tenant t ON t.id = e.tenant_id`);';
    expect(check(select, 'reports/read-model/dashboard.read-model.ts').violations).toEqual([]);
    const insert = "q('INSERT INTO compliance_event_log (audit_id) VALUES ($1)');";
    expect(check(insert, 'reports/read-model/dashboard.read-model.ts').violations).toEqual([
      'reports/read-model/dashboard.read-model.ts:1 the read model writes compliance_event_log (owned by gate) via INSERT INTO',
    ]);
  });

  it('passes an allow-listed access, and fails an allow-list entry whose access is gone', () => {
    const source = "q('SELECT rule_settings FROM tenant WHERE id = $1');";
    const entry = { file: 'gate/tenant-settings.cache.ts', table: 'tenant', reason: "the gate's settings cache" };
    expect(check(source, 'gate/tenant-settings.cache.ts', [entry])).toEqual({ violations: [], stale: [] });
    const gone = { file: 'gate/agent-directory.ts', table: 'account', reason: 'no longer read' };
    expect(check(source, 'gate/tenant-settings.cache.ts', [entry, gone]).stale).toEqual([
      'gate/agent-directory.ts → account (no longer read)',
    ]);
    const folder = { file: 'cli/**', table: '*', reason: 'the demo seed' };
    expect(check("q('UPDATE account SET x = 1');", 'cli/seed-demo.ts', [folder])).toEqual({
      violations: [],
      stale: [],
    });
  });

  it('gives each access its line inside a multi-line template with substitutions', () => {
    const source = 'q(`SELECT ${cols}\n  FROM account a\n  ${where}\n  JOIN tenant t ON true`);';
    expect(
      tableAccesses({ path: 'x/y.ts', text: source }, new Set(owners.keys())).map((a) => [a.line, a.table, a.kind]),
    ).toEqual([
      [2, 'account', 'read'],
      [4, 'tenant', 'read'],
    ]);
  });
});
