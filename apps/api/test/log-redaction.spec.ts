import { PERSONA_IDS } from '@floor-os/personas';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggableError, redactLiterals } from '../src/common/loggable-error';
import { startApp, TestApp } from './support/app';
import { makeTenant, makeUser, PASSWORD } from './support/factories';
import { Http } from './support/http';

const EMAIL = 'jane.doe@private-mailbox.test';
const PHONE = '+12125550199';

describe('error logs carry no personal data', () => {
  it('should redact quoted literals, key details, emails and phone numbers from database messages', () => {
    expect(redactLiterals(`invalid input syntax for type uuid: "${EMAIL}"`)).toBe(
      'invalid input syntax for type uuid: "…"',
    );
    expect(redactLiterals(`duplicate key value violates unique constraint "uq_user_email"`)).toBe(
      'duplicate key value violates unique constraint "…"',
    );
    expect(redactLiterals(`Key (email)=(${EMAIL}) already exists.`)).toBe('Key (email)=(…) already exists.');
    expect(redactLiterals(`no account for ${EMAIL} or ${PHONE} or (212) 555-0199`)).not.toMatch(
      /jane|private-mailbox|5550199|555-0199/,
    );
    expect(redactLiterals(`value 'O''Brien' is too long`)).not.toContain('Brien');
  });

  it("should describe an error by class, SQL state and constraint, never by the query's parameters", () => {
    const error = Object.assign(
      new Error(`insert or update on table "account" violates foreign key constraint "fk_x"`),
      {
        query: 'INSERT INTO account VALUES ($1, $2)',
        parameters: [EMAIL, PHONE],
        driverError: { code: '23503', constraint: 'fk_x', detail: `Key (phone)=(${PHONE}) is not present` },
      },
    );
    class QueryFailedError extends Error {}
    Object.setPrototypeOf(error, QueryFailedError.prototype);
    const logged = loggableError(error);
    expect(logged).toMatchObject({ class: 'QueryFailedError', sql_state: '23503', constraint: 'fk_x' });
    expect(JSON.stringify(logged)).not.toMatch(/jane|5550199|INSERT/);
  });

  describe('over HTTP', () => {
    let t: TestApp;
    let logFile: string;

    beforeAll(async () => {
      logFile = join(mkdtempSync(join(tmpdir(), 'floor-log-')), 'api.log');
      t = await startApp({ LOG_LEVEL: 'info', LOG_DESTINATION: logFile });
    });
    afterAll(() => t.close());

    it('should log a forced 500 whose request carries an email and a phone without either', async () => {
      const http = new Http(t.baseUrl);
      const tenant = await makeTenant(t.db);
      const user = await makeUser(t.db, tenant, [...PERSONA_IDS]);
      const cookie = await http.login(user.email, PASSWORD);
      // The database refuses the accounts list's query (a column it names is gone), so the search text the
      // request carries travels into a database error: exactly what a log line must not repeat.
      await t.db.query('ALTER TABLE account RENAME COLUMN state TO state_renamed_by_test');
      let result;
      try {
        result = await http.get('/api/v1/accounts', {
          cookie,
          query: { filter: JSON.stringify({ q: `${EMAIL} ${PHONE}` }) },
        });
      } finally {
        await t.db.query('ALTER TABLE account RENAME COLUMN state_renamed_by_test TO state');
      }
      expect(result.status).toBe(500);
      expect(result.body).toEqual({
        status_code: 500,
        error: 'Internal Server Error',
        message: expect.any(String),
        correlation_id: expect.any(String),
      });
      const log = readFileSync(logFile, 'utf8');
      const line = log.split('\n').find((l) => l.includes(result.body.correlation_id) && l.includes('unhandled error'));
      expect(line, 'the 500 is logged with its correlation id').toBeDefined();
      expect(JSON.parse(line!).error).toMatchObject({ class: 'QueryFailedError', sql_state: '42703' });
      expect(log).not.toContain('jane.doe');
      expect(log).not.toContain('private-mailbox');
      expect(log).not.toContain('5550199');
    });
  });
});
