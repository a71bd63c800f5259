import simpleRestProvider from 'ra-data-simple-rest';
import { API_URL, httpClient } from './http';

/**
 * The API follows ra-data-simple-rest's conventions (`sort`, `range`, `filter` query parameters and a
 * `Content-Range` answer header), so the provider is used as is.
 */
export const dataProvider = simpleRestProvider(API_URL, httpClient);
