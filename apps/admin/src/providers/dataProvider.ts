import simpleRestProvider from 'ra-data-simple-rest';
import { combineDataProviders, HttpError, type DataProvider, type RaRecord } from 'react-admin';
import { API_URL, httpClient, SYS_URL } from './http';
import { offboardingMethods, type OffboardingMethods } from './offboardingProvider';
import { reportsMethods, type ReportsMethods } from './reportsProvider';

/**
 * The panel addresses an account by its `account_id` (the id people quote, and the one decisions, queues and
 * outcomes carry); the API answers its uuid as `id` and accepts either on `GET /accounts/{id}`. So account
 * records get `id = account_id` here and keep the uuid as `uuid`.
 */
function asAccountRecord<T extends RaRecord>(record: T): T {
  const accountId = (record as { account_id?: unknown }).account_id;
  return typeof accountId === 'string' ? ({ ...record, uuid: record.id, id: accountId } as T) : record;
}

function withAccountIds(provider: DataProvider): DataProvider {
  return {
    ...provider,
    async getList(resource, params) {
      const result = await provider.getList(resource, params);
      return resource === 'accounts' ? { ...result, data: result.data.map(asAccountRecord) } : result;
    },
    async getOne(resource, params) {
      const result = await provider.getOne(resource, params);
      return resource === 'accounts' ? { ...result, data: asAccountRecord(result.data) } : result;
    },
  };
}

/** Forms whose validation errors the API reports per field (`{fields: {value: ['…']}}`). */
const FIELD_ERROR_RESOURCES = new Set(['suppression', 'offboarding']);

/**
 * react-admin's forms show server-side errors given as `body.errors` (`{source: message}`); the API calls them
 * `fields` with a list of messages each. Mapped for the resources above, so the message lands on the input.
 */
function withFieldErrors(provider: DataProvider): DataProvider {
  return {
    ...provider,
    async create(resource, params) {
      try {
        return await provider.create(resource, params);
      } catch (error) {
        const body = (error as { body?: { fields?: Record<string, string[] | string> } } | null)?.body;
        if (!FIELD_ERROR_RESOURCES.has(resource) || !(error instanceof HttpError) || !body?.fields) throw error;
        const errors = Object.fromEntries(
          Object.entries(body.fields).map(([field, messages]) => [field, [messages].flat().join(' ')]),
        );
        throw new HttpError(error.message, error.status, { ...body, errors });
      }
    },
  };
}

const panelProvider = withFieldErrors(withAccountIds(simpleRestProvider(API_URL, httpClient)));

/** Resources served under `/sys` (the platform operator's workbench), not under the panel prefix. */
const SYS_RESOURCES = new Set(['onboarding']);
const sysProvider = simpleRestProvider(SYS_URL, httpClient);

/**
 * The API follows ra-data-simple-rest's conventions (`sort`, `range`, `filter` query parameters and a
 * `Content-Range` answer header), so the provider is used as is, apart from the account ids above; the
 * onboarding board (`GET /sys/onboarding`) speaks the same convention under its own prefix.
 */
export const dataProvider: DataProvider & ReportsMethods & OffboardingMethods = {
  // Spreading the combined provider (a Proxy over the nine CRUD method names) copies its routed methods.
  ...combineDataProviders((resource) => (SYS_RESOURCES.has(resource) ? sysProvider : panelProvider)),
  // The reports' non-CRUD calls (coverage, gap report and its sign-off, weekly review meeting, usage readout).
  ...reportsMethods,
  // The offboarding case's steps (revoke or hand over a key, reassign accounts, sign off, cancel).
  ...offboardingMethods,
};
