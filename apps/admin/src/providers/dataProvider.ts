import simpleRestProvider from 'ra-data-simple-rest';
import { combineDataProviders, HttpError, type DataProvider, type RaRecord } from 'react-admin';
import { API_URL, httpClient, SYS_URL } from './http';
import { accountsMethods, type AccountsMethods } from './accountsProvider';
import { courseMethods, type CourseMethods } from './courseProvider';
import { importsMethods, type ImportsMethods } from './importsProvider';
import { offboardingMethods, type OffboardingMethods } from './offboardingProvider';
import { onboardingMethods, type OnboardingMethods } from './onboardingProvider';
import { queuesMethods, type QueuesMethods } from './queuesProvider';
import { reportsMethods, type ReportsMethods } from './reportsProvider';
import { settingsMethods, type SettingsMethods } from './settingsProvider';
import { suppressionMethods, type SuppressionMethods } from './suppressionProvider';
import { usersMethods, type UsersMethods } from './usersProvider';
import { vendorsMethods, type VendorsMethods } from './vendorsProvider';
import { webhooksMethods, type WebhooksMethods } from './webhooksProvider';

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

/** The custom method groups, one per feature, beside the CRUD methods. */
export type PanelMethods = ReportsMethods &
  OffboardingMethods &
  AccountsMethods &
  CourseMethods &
  ImportsMethods &
  OnboardingMethods &
  QueuesMethods &
  SettingsMethods &
  SuppressionMethods &
  UsersMethods &
  VendorsMethods &
  WebhooksMethods;

/** The panel's data provider: react-admin's CRUD methods and the custom groups (`useDataProvider<PanelDataProvider>()`). */
export type PanelDataProvider = DataProvider & PanelMethods;

/**
 * The API follows ra-data-simple-rest's conventions (`sort`, `range`, `filter` query parameters and a
 * `Content-Range` answer header), so the provider is used as is, apart from the account ids above; the
 * onboarding board (`GET /sys/onboarding`) speaks the same convention under its own prefix. Every other call
 * of the panel is a custom method of one feature group below, read with `useDataProvider` and react-query.
 */
export const dataProvider: PanelDataProvider = {
  // Spreading the combined provider (a Proxy over the nine CRUD method names) copies its routed methods.
  ...combineDataProviders((resource) => (SYS_RESOURCES.has(resource) ? sysProvider : panelProvider)),
  // The reports' non-CRUD calls (coverage, gap report and its sign-off, weekly review meeting, usage readout).
  ...reportsMethods,
  // The offboarding case's steps (revoke or hand over a key, reassign accounts, sign off, cancel).
  ...offboardingMethods,
  // AccountDetail: "Open in" links, the contact check, consumer requests, notes on decisions.
  ...accountsMethods,
  // The operator course: tasks, checkpoints, autonomy, the operators a mentor picks from.
  ...courseMethods,
  // An import's steps: upload, mapping, check, apply, cancel.
  ...importsMethods,
  // The onboarding workbench: checklists, steps, health checks, retrospective.
  ...onboardingMethods,
  // The team queue's agents and bulk assignment.
  ...queuesMethods,
  // Tenant settings, enforcement mode, single sign-on.
  ...settingsMethods,
  // The suppression list's CSV export and import.
  ...suppressionMethods,
  // Invitations and API key rotation.
  ...usersMethods,
  // Vendor cards and the integration inventory.
  ...vendorsMethods,
  // Webhook health and the replay of a failed delivery.
  ...webhooksMethods,
};
