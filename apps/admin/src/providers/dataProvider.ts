import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider, RaRecord } from 'react-admin';
import { API_URL, httpClient } from './http';

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

/**
 * The API follows ra-data-simple-rest's conventions (`sort`, `range`, `filter` query parameters and a
 * `Content-Range` answer header), so the provider is used as is, apart from the account ids above.
 */
export const dataProvider = withAccountIds(simpleRestProvider(API_URL, httpClient));
