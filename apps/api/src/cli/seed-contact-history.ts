import { DataSource } from 'typeorm';
import { ImportRunner } from '../imports/import-runner';
import { ImportsService } from '../imports/imports.service';

const DEMO_TENANT = 'acme-collections';
const FILENAME = 'previous-dialer-contact-log.csv';
const HOUR = 3_600_000;

/**
 * The demo tenant's previous dialer log (SPEC I7): a week of calls and texts on the first accounts of the
 * portfolio, imported through the same upload, mapping and job as a tenant's file, before the gate's first
 * checks — so the demo starts as a pilot should, with day one counting what came before. Run once.
 * ACME-0002 had six unanswered calls this week (the next is allowed, the one after blocked by 7-in-7) and
 * ACME-0003 a conversation two days ago (the 168-hour pause).
 */
export async function seedContactHistory(db: DataSource, imports: ImportsService, runner: ImportRunner): Promise<number> {
  const [tenant] = await db.query('SELECT id FROM tenant WHERE slug = $1', [DEMO_TENANT]);
  if (!tenant) return 0;
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM import_job WHERE tenant_id = $1 AND target = 'contact_history'`, [tenant.id]);
  if (n > 0) return 0;

  const now = Date.now();
  const rows: string[][] = [];
  const add = (account: number, channel: string, hoursAgo: number, disposition: string) =>
    rows.push([`ACME-${String(account).padStart(4, '0')}`, channel, new Date(now - hoursAgo * HOUR).toISOString(), disposition, `legacy-${account}-${channel}-${hoursAgo}`]);
  for (const hoursAgo of [140, 116, 92, 68, 44, 20]) add(2, 'voice', hoursAgo, 'no_answer');
  add(3, 'voice', 50, 'conversation');
  add(3, 'voice', 74, 'voicemail');
  for (let account = 4; account <= 20; account++) {
    add(account, 'voice', 24 + account * 5, account % 4 === 0 ? 'busy' : account % 3 === 0 ? 'voicemail' : 'no_answer');
    if (account % 2 === 0) add(account, 'sms', 30 + account * 3, 'delivered');
  }
  const csv = ['account_id,channel,occurred_at,disposition,event_id', ...rows.map((r) => r.join(','))].join('\n') + '\n';

  const scope = { tenantId: tenant.id, label: 'demo seed', source: 'onboarding' as const };
  const uploaded = await imports.upload(scope, { filename: FILENAME, file: (async function* () { yield Buffer.from(csv); })(), fields: { target: 'contact_history' } });
  await imports.setMapping(scope, uploaded.id, { mapping: { account_id: 'account_id', channel: 'channel', occurred_at: 'occurred_at', disposition: 'disposition', event_id: 'event_id' } });
  await imports.confirm(scope, uploaded.id, {});
  // Applied here, before the gate's first checks; the queued job then finds it completed and does nothing.
  await runner.run(uploaded.id);
  return rows.length;
}
