import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { Account } from '../../src/accounts/account.entity';
import { Tenant } from '../../src/tenants/tenant.entity';
import { makeTenant, makeUser, PASSWORD, unique } from './factories';
import { Http } from './http';

/**
 * A fixed-offset IANA zone where it is mid-day now, so hour rules pass whenever the suite runs
 * (the consumer-stated zone is the only candidate zone).
 */
export function middayZone(now = DateTime.utc()): string {
  for (let offset = -12; offset <= 14; offset++) {
    const zone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
    const hour = now.setZone(zone).hour;
    if (hour >= 11 && hour <= 16) return zone;
  }
  throw new Error('no mid-day zone found');
}

/**
 * A fixed-offset IANA zone where the local hour is `hour` now (e.g. 22: after calling hours end at 21:00), for
 * a consumer who stated it; offsets −12…+14 cover every hour of the day.
 */
export function zoneAtHour(hour: number, now = DateTime.utc()): string {
  for (let offset = -12; offset <= 14; offset++) {
    const zone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
    if (now.setZone(zone).hour === hour) return zone;
  }
  throw new Error(`no zone at hour ${hour} found`);
}

/** A clean account: nothing on file blocks voice, SMS or email right now. */
export async function makeCleanAccount(
  db: DataSource,
  tenant: Tenant,
  fields: Partial<Account> = {},
): Promise<Account> {
  const repo = db.getRepository(Account);
  return repo.save(
    repo.create({
      tenantId: tenant.id,
      accountId: unique('ACC'),
      phoneNumber: '+12125550123',
      phoneType: 'landline',
      state: 'NY',
      zip: '14201',
      timezone: middayZone(),
      email: 'consumer@example.test',
      autodialConsent: true,
      factSources: {},
      ...fields,
    }),
  );
}

/** A tenant with an API key and a Tenant Admin session. */
export async function gateTenant(db: DataSource, http: Http, mode: 'shadow' | 'enforce' = 'enforce') {
  const tenant = await makeTenant(db, { enforcementMode: mode });
  const admin = await makeUser(db, tenant, ['tenant_admin', 'compliance_officer']);
  const cookie = await http.login(admin.email, PASSWORD);
  const key = (await http.post('/api/v1/api-keys', { label: 'dialer' }, { cookie })).body.secret as string;
  return { tenant, admin, cookie, key };
}
