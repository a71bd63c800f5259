import type { IntegrationInventoryView, VendorCardView } from '@floor-os/contracts';
import { apiFetch } from './http';

/**
 * Settings → Vendors (SPEC V1, V2, V4) as custom methods of the data provider: the vendor cards with their
 * deep links, and the integration inventory worksheet with its sign-off.
 */
export interface VendorsMethods {
  getVendorCards(): Promise<VendorCardView[]>;
  /** Saves one card (enabled, secret, deep link); answers the card as stored. */
  saveVendorCard(vendor: string, update: unknown): Promise<VendorCardView>;
  getIntegrationInventory(): Promise<IntegrationInventoryView>;
  saveIntegrationInventory(input: unknown): Promise<IntegrationInventoryView>;
  signOffIntegrationInventory(): Promise<IntegrationInventoryView>;
}

export const vendorsMethods: VendorsMethods = {
  getVendorCards: () => apiFetch('/vendors'),
  saveVendorCard: (vendor, update) =>
    apiFetch(`/vendors/${encodeURIComponent(vendor)}`, { method: 'PUT', body: update }),
  getIntegrationInventory: () => apiFetch('/integration-inventory'),
  saveIntegrationInventory: (input) => apiFetch('/integration-inventory', { method: 'PUT', body: input }),
  signOffIntegrationInventory: () => apiFetch('/integration-inventory/sign-off', { method: 'POST', body: {} }),
};
