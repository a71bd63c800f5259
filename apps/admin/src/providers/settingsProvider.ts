import type { EnforcementMode, SsoSettingsView, TenantView } from '@floor-os/contracts';
import { apiFetch } from './http';

/**
 * The tenant's settings pages as custom methods of the data provider: general settings, the enforcement mode
 * (SPEC G7) and single sign-on. The tenant itself is read with `getTenant` (the reports' group).
 */
export interface SettingsMethods {
  saveTenantSettings(input: { legal_name?: string; active_personas?: string[] }): Promise<TenantView>;
  setEnforcementMode(mode: EnforcementMode): Promise<unknown>;
  getSsoSettings(): Promise<SsoSettingsView>;
  saveSsoSettings(input: unknown): Promise<SsoSettingsView>;
  /** Everyone signs in with a password again. */
  removeSsoSettings(): Promise<unknown>;
}

export const settingsMethods: SettingsMethods = {
  saveTenantSettings: (input) => apiFetch('/tenant', { method: 'PUT', body: input }),
  setEnforcementMode: (mode) => apiFetch('/compliance/enforcement', { method: 'PUT', body: { mode } }),
  getSsoSettings: () => apiFetch('/sso'),
  saveSsoSettings: (input) => apiFetch('/sso', { method: 'PUT', body: input }),
  removeSsoSettings: () => apiFetch('/sso', { method: 'DELETE' }),
};
