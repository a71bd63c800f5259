import type { SuppressionImportResult } from '@floor-os/contracts';
import { API_URL, httpClient } from './http';

/**
 * The suppression list's file calls beside its CRUD resource (`suppression`): the whole list as CSV, and a CSV
 * of entries added at once (duplicates skipped, each rejected line reported).
 */
export interface SuppressionMethods {
  exportSuppressionCsv(): Promise<Blob>;
  importSuppressionCsv(csv: string): Promise<SuppressionImportResult>;
}

export const suppressionMethods: SuppressionMethods = {
  async exportSuppressionCsv() {
    const response = await fetch(`${API_URL}/suppression/export.csv`, { credentials: 'same-origin' });
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { message?: string } | null;
      throw new Error(body?.message ?? `Export failed (${response.status})`);
    }
    return response.blob();
  },
  async importSuppressionCsv(csv) {
    const { json } = await httpClient(`${API_URL}/suppression/import`, {
      method: 'POST',
      headers: new Headers({ 'Content-Type': 'text/csv' }),
      body: csv,
    });
    return json as SuppressionImportResult;
  },
};
