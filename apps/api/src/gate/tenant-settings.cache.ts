import { Injectable } from '@nestjs/common';
import type { RuleSettings } from '@floor-os/rules';
import { GatePool } from './gate.pool';

export interface TenantGateSettings {
  id: string;
  slug: string;
  mode: 'shadow' | 'enforce';
  ruleSettings: RuleSettings;
  collectorKind: 'third_party' | 'first_party';
  fetchedAt: number;
}

/** Decided detail 3: the mode comes from a short in-process cache (≤ 30 s), so it is known while the database is down. */
const FRESH_MS = 30_000;

@Injectable()
export class TenantSettingsCache {
  private readonly entries = new Map<string, TenantGateSettings>();
  private readonly loading = new Map<string, Promise<TenantGateSettings | null>>();

  constructor(private readonly gatePool: GatePool) {}

  /** Fresh settings, loading them when older than 30 s; throws when they cannot be loaded. */
  /** The settings when read less than 30 s ago (no wait), else undefined: `get` reads them. */
  fresh(tenantId: string, now = Date.now()): TenantGateSettings | undefined {
    const cached = this.entries.get(tenantId);
    return cached && now - cached.fetchedAt < FRESH_MS ? cached : undefined;
  }

  async get(tenantId: string, now = Date.now()): Promise<TenantGateSettings | null> {
    const cached = this.fresh(tenantId, now);
    if (cached) return cached;
    let pending = this.loading.get(tenantId);
    if (!pending) {
      pending = this.load(tenantId).finally(() => this.loading.delete(tenantId));
      this.loading.set(tenantId, pending);
    }
    return pending;
  }

  /** What is known without the database: the last settings read, however old; undefined when never read. */
  last(tenantId: string): TenantGateSettings | undefined {
    return this.entries.get(tenantId);
  }

  /** Called on this instance when the settings change; other instances follow within 30 s. */
  forget(tenantId: string): void {
    this.entries.delete(tenantId);
  }

  private async load(tenantId: string): Promise<TenantGateSettings | null> {
    const { rows } = await this.gatePool.pool.query<{
      id: string;
      slug: string;
      enforcement_mode: 'shadow' | 'enforce';
      rule_settings: RuleSettings;
      collector_kind: 'third_party' | 'first_party';
    }>('SELECT id, slug, enforcement_mode, rule_settings, collector_kind FROM tenant WHERE id = $1', [tenantId]);
    const row = rows[0];
    if (!row) {
      this.entries.delete(tenantId);
      return null;
    }
    const entry: TenantGateSettings = {
      id: row.id,
      slug: row.slug,
      mode: row.enforcement_mode,
      ruleSettings: row.rule_settings ?? {},
      collectorKind: row.collector_kind,
      fetchedAt: Date.now(),
    };
    this.entries.set(tenantId, entry);
    return entry;
  }
}
