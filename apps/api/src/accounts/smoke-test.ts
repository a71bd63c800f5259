import { EntityManager } from 'typeorm';
import { Account } from './account.entity';

/** The account id of every tenant's smoke-test account (SPEC decided detail 10). */
export const SMOKE_TEST_ACCOUNT_ID = 'smoke-test';

/** Creates the tenant's smoke-test account when missing: test traffic, exempt from hour and frequency rules. */
export async function createSmokeTestAccount(manager: EntityManager, tenantId: string): Promise<void> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(Account)
    .values({
      tenantId,
      accountId: SMOKE_TEST_ACCOUNT_ID,
      isTest: true,
      autodialConsent: true,
      factSources: { is_test: 'system' },
    })
    .orIgnore()
    .execute();
}
