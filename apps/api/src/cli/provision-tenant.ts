import 'reflect-metadata';
import { PERSONA_IDS, PersonaId } from '@floor-os/personas';
import { userInfo } from 'node:os';
import { DataSource } from 'typeorm';
import { AdminChangesService } from '../admin-changes/admin-changes.service';
import { startChecklist } from '../onboarding/onboarding.service';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadDotEnv } from '../config/config';
import { SLUG_PATTERN, SLUG_RULE } from '../tenants/tenants.mapper';
import { TenantsService } from '../tenants/tenants.service';
import { createCliContext } from './cli.module';

const USAGE =
  'usage: npm run provision-tenant -- --slug <slug> --name "<Legal Name>" [--pilot-mode true|false] [--admin-email <email>] [--personas a,b,c] [--template default|pilot]';

export interface ProvisionArgs {
  slug: string;
  name: string;
  pilotMode: boolean;
  adminEmail: string;
  personas?: PersonaId[];
  /** The onboarding checklist started with the tenant (SPEC O1): the 8-step default or the pilot runbook. */
  template: 'default' | 'pilot';
}

/** Parses and checks the arguments; a problem is one line for the operator. */
export function parseProvisionArgs(argv: string[]): ProvisionArgs | { error: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        slug: { type: 'string' },
        name: { type: 'string' },
        'pilot-mode': { type: 'string', default: 'true' },
        'admin-email': { type: 'string' },
        personas: { type: 'string' },
        template: { type: 'string', default: 'default' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { error: `${error instanceof Error ? error.message.split('\n')[0] : 'bad arguments'}. ${USAGE}` };
  }
  const slug = values.slug?.trim() ?? '';
  if (!slug) return { error: `--slug is missing. ${USAGE}` };
  if (!SLUG_PATTERN.test(slug)) return { error: `--slug "${slug}" is not valid: use ${SLUG_RULE}` };
  const name = values.name?.trim() ?? '';
  if (!name) return { error: `--name is missing: give the tenant's legal name. ${USAGE}` };
  if (name.length > 200) return { error: '--name is longer than 200 characters' };
  const pilot = values['pilot-mode'];
  if (pilot !== 'true' && pilot !== 'false') return { error: `--pilot-mode must be true or false (got "${pilot}")` };
  const adminEmail = (values['admin-email'] ?? `admin@${slug}.floor-os.local`).trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(adminEmail))
    return { error: `--admin-email "${adminEmail}" is not an email address` };
  let personas: PersonaId[] | undefined;
  if (values.personas) {
    const list = values.personas
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const unknown = list.filter((p) => !(PERSONA_IDS as readonly string[]).includes(p));
    if (unknown.length)
      return { error: `--personas: unknown ${unknown.join(', ')} (known: ${PERSONA_IDS.join(', ')})` };
    personas = list as PersonaId[];
  }
  const template = values.template;
  if (template !== 'default' && template !== 'pilot')
    return { error: `--template must be default or pilot (got "${template}")` };
  return { slug, name, pilotMode: pilot === 'true', adminEmail, personas, template };
}

/**
 * Creates a tenant and its Tenant Admin invitation and prints the one-time link (SPEC T2).
 * Idempotent on the slug: a second run changes nothing and says so. Exit codes: 0 done, 2 bad input,
 * 1 could not run (database down, not migrated).
 */
async function main(argv: string[]): Promise<number> {
  const args = parseProvisionArgs(argv);
  if ('error' in args) {
    process.stderr.write(`provision-tenant: ${args.error}\n`);
    return 2;
  }
  loadDotEnv();
  const config = loadConfig();
  const context = await createCliContext(config);
  try {
    const result = await context.get(TenantsService).provision(
      { type: 'cli', id: null, label: `provision-tenant (${userInfo().username})` },
      {
        slug: args.slug,
        legalName: args.name,
        pilotMode: args.pilotMode,
        adminEmail: args.adminEmail,
        activePersonas: args.personas,
      },
    );
    const t = result.tenant;
    // The onboarding checklist (kept when the tenant already has one: a re-run changes nothing).
    const db = context.get(DataSource);
    const audit = context.get(AdminChangesService);
    await db.transaction(async (manager) => {
      const [existing] = await manager.query('SELECT 1 FROM onboarding_checklist WHERE tenant_id = $1', [t.id]);
      if (existing) return;
      const checklist = await startChecklist(manager, t.id, args.template);
      await audit.record(
        manager,
        { type: 'cli', id: null, label: `provision-tenant (${userInfo().username})` },
        {
          action: 'create',
          entityType: 'onboarding_checklist',
          entityId: checklist.id,
          tenantId: t.id,
          after: { template: args.template },
        },
      );
    });
    if (!result.created) {
      process.stdout.write(
        `Tenant ${t.slug} already exists (created ${t.created_at}); nothing changed.\n` +
          (result.admin
            ? `Tenant Admin: ${result.admin.email} (${result.admin.status}). A new link: Users → the admin → new invitation.\n`
            : ''),
      );
      return 0;
    }
    process.stdout.write(
      [
        `Created tenant ${t.slug} — ${t.legal_name}`,
        `  pilot mode: ${t.pilot_mode ? 'on' : 'off'}; enforcement: ${t.enforcement_mode}; personas: ${t.active_personas.join(', ')}`,
        `  onboarding checklist: ${args.template === 'pilot' ? 'the pilot runbook' : 'the 8-step default'}`,
        `  Tenant Admin: ${result.admin!.email} (invited)`,
        `  One-time invitation link (expires ${result.invitation!.invitation_expires_at}):`,
        `  ${result.invitation!.invitation_url}`,
        '',
      ].join('\n'),
    );
    return 0;
  } finally {
    await context.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      const message =
        error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error);
      process.stderr.write(
        `provision-tenant: ${message.split('\n')[0]}${/relation .* does not exist/.test(message) ? ' — run `npm run migrate` first' : ''}\n`,
      );
      process.exit(1);
    },
  );
}
