import { addDays, HOUR_MS, localDate, localDayBounds } from '@floor-os/reports';
import { DataSource } from 'typeorm';
import { ImportRunner } from '../imports/import-runner';
import { ImportsService } from '../imports/imports.service';
import { DEMO_TENANT, OPERATOR_EMAIL } from './seed-demo';

const FILENAME = 'previous-dialer-contact-log.csv';

/**
 * The demo tenant's previous dialer log (SPEC I7): a week of calls and texts on the first accounts of the
 * portfolio, imported through the same upload, mapping and job as a tenant's file, before the gate's first
 * checks — so the demo starts as a pilot should, with day one counting what came before. Run once.
 * ACME-0002 had six unanswered calls this week (the next is allowed, the one after blocked by 7-in-7) and
 * ACME-0003 a conversation two days ago (the 168-hour pause). Each contact is at its own time of a working day
 * in the tenant's zone, as a dialer's log has them.
 */
export async function seedContactHistory(
  db: DataSource,
  imports: ImportsService,
  runner: ImportRunner,
): Promise<number> {
  const [tenant] = await db.query('SELECT id, timezone FROM tenant WHERE slug = $1', [DEMO_TENANT]);
  if (!tenant) return 0;
  const [{ n }] = await db.query(
    `SELECT count(*)::int AS n FROM import_job WHERE tenant_id = $1 AND target = 'contact_history'`,
    [tenant.id],
  );
  if (n > 0) return 0;

  const today = localDate(Date.now(), tenant.timezone);
  const rows: string[][] = [];
  /** `daysAgo` days back (1–6, so within the week), between 9:00 and 17:59 local, minutes and seconds varying by `seed`. */
  const workingTime = (daysAgo: number, seed: number) =>
    localDayBounds(addDays(today, -daysAgo), tenant.timezone).from +
    (9 + ((seed * 7) % 9)) * HOUR_MS +
    ((seed * 13) % 60) * 60_000 +
    ((seed * 29) % 60) * 1_000;
  const add = (account: number, channel: string, daysAgo: number, disposition: string) =>
    rows.push([
      `ACME-${String(account).padStart(4, '0')}`,
      channel,
      new Date(workingTime(daysAgo, account * 31 + daysAgo * 17 + (channel === 'sms' ? 7 : 0))).toISOString(),
      disposition,
      `legacy-${account}-${channel}-${daysAgo}`,
    ]);
  for (const daysAgo of [6, 5, 4, 3, 2, 1]) add(2, 'voice', daysAgo, 'no_answer');
  add(3, 'voice', 2, 'conversation');
  add(3, 'voice', 3, 'voicemail');
  for (let account = 4; account <= 20; account++) {
    add(
      account,
      'voice',
      1 + (account % 5),
      account % 4 === 0 ? 'busy' : account % 3 === 0 ? 'voicemail' : 'no_answer',
    );
    if (account % 2 === 0) add(account, 'sms', 1 + ((account + 2) % 5), 'delivered');
  }
  const csv =
    ['account_id,channel,occurred_at,disposition,event_id', ...rows.map((r) => r.join(','))].join('\n') + '\n';

  // Brought in by the platform operator during onboarding, as a real pilot's log would be.
  const scope = { tenantId: tenant.id, label: OPERATOR_EMAIL, source: 'onboarding' as const };
  const uploaded = await imports.upload(scope, {
    filename: FILENAME,
    file: (async function* () {
      yield Buffer.from(csv);
    })(),
    fields: { target: 'contact_history' },
  });
  await imports.setMapping(scope, uploaded.id, {
    mapping: {
      account_id: 'account_id',
      channel: 'channel',
      occurred_at: 'occurred_at',
      disposition: 'disposition',
      event_id: 'event_id',
    },
  });
  await imports.confirm(scope, uploaded.id, {});
  // Applied here, before the gate's first checks; the queued job then finds it completed and does nothing.
  await runner.run(uploaded.id);
  return rows.length;
}
