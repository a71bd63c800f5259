import { Injectable, Logger, NotFoundException, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { ApiKeyView, CreatedApiKey } from '@floor-os/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AdminChangesService } from '../admin-changes/admin-changes.service';
import { Principal, tenantOf } from '../auth/principal';
import { sha256 } from '../auth/tokens';
import { applyList, ListQuery, ListSpec, parseListQuery } from '../database/list-query';
import { ApiKey } from './api-key.entity';
import { loggableError } from '../common/loggable-error';
import type Redis from 'ioredis';
import { RedisService } from '../redis/redis.module';
import { TenantDirectory } from '../tenants/tenant-directory';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
/** Decided detail 11: a key may be cached for at most 30 s; `last_used_at` is written at most once a minute. */
const CACHE_MS = 30_000;
const LAST_USED_EVERY_MS = 60_000;

export type { ApiKeyView, CreatedApiKey };

export const API_KEY_LIST: ListSpec = {
  fields: {
    id: 'k.id',
    label: 'k.label',
    prefix: 'k.prefix',
    created_at: 'k.created_at',
    last_used_at: 'k.last_used_at',
    revoked_at: 'k.revoked_at',
    status: "(CASE WHEN k.revoked_at IS NULL THEN 'active' ELSE 'revoked' END)",
    created_by_email: 'u.email',
  },
  search: ['k.label', 'k.prefix'],
  defaultSort: ['created_at', 'DESC'],
};

function code(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

export function mapApiKey(key: ApiKey): ApiKeyView {
  return {
    id: key.id,
    label: key.label,
    prefix: key.prefix,
    status: key.revokedAt ? 'revoked' : 'active',
    created_by_id: key.createdById,
    created_by_email: key.createdBy?.email ?? null,
    created_at: key.createdAt.toISOString(),
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
    revoked_at: key.revokedAt?.toISOString() ?? null,
    rotated_from_id: key.rotatedFromId,
  };
}

interface CachedKey {
  principal: Principal | null;
  keyId: string | null;
  until: number;
}

/**
 * Revocations are broadcast through Redis (decided detail 28): every instance drops the key from its cache at
 * once. The message may arrive before the revoking transaction commits, so a revoked key is also kept out of
 * the cache for the cache's own lifetime: until then each lookup asks the database, which answers "revoked"
 * the moment the revocation commits. When Redis is unreachable, the 30 s cache is the bound (decided detail 11).
 */
@Injectable()
export class ApiKeysService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ApiKeysService.name);
  private readonly cache = new Map<string, CachedKey>();
  private readonly lastUsedWritten = new Map<string, number>();
  /** Key id → until when lookups of it are not cached (a revocation seen on the channel). */
  private readonly uncachable = new Map<string, number>();
  private subscriber?: Redis;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AdminChangesService,
    private readonly redis: RedisService,
    private readonly tenants: TenantDirectory,
  ) {}

  private get channel(): string {
    return this.redis.key('api-key-revoked');
  }

  onModuleInit(): void {
    // Its own connection (a subscribed connection sends nothing else), which queues the subscription until it is connected
    // and subscribes again after a reconnect.
    this.subscriber = this.redis.client.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (channel: string, keyId: string) => {
      if (channel === this.channel && typeof keyId === 'string' && keyId.length <= 64) this.forget(keyId);
    });
    // Not awaited: an API that starts while Redis is down must still start (readiness says Redis is down).
    void this.subscriber
      .subscribe(this.channel)
      .catch((error: unknown) =>
        this.logger.warn({ error: loggableError(error) }, 'key revocations not received: the 30 s cache is the bound'),
      );
  }

  onModuleDestroy(): void {
    this.subscriber?.disconnect();
  }

  /** Drops a key from this instance's cache and keeps it out for the cache's lifetime. */
  private forget(keyId: string): void {
    for (const [hash, entry] of this.cache) if (entry.keyId === keyId) this.cache.delete(hash);
    if (this.uncachable.size > 10_000) this.uncachable.clear();
    this.uncachable.set(keyId, Date.now() + CACHE_MS);
  }

  async list(who: Principal, query: ListQuery): Promise<{ rows: ApiKeyView[]; total: number; skip: number }> {
    const parsed = parseListQuery(query, API_KEY_LIST);
    const qb = this.db
      .getRepository(ApiKey)
      .createQueryBuilder('k')
      .leftJoinAndSelect('k.createdBy', 'u')
      .where('k.tenant_id = :tenant', { tenant: tenantOf(who) });
    const [rows, total] = await applyList(qb, parsed, API_KEY_LIST).getManyAndCount();
    return { rows: rows.map(mapApiKey), total, skip: parsed.skip };
  }

  async get(who: Principal, id: string): Promise<ApiKeyView> {
    return mapApiKey(await this.find(this.db.manager, who, id));
  }

  async create(who: Principal, label: string): Promise<CreatedApiKey> {
    return this.db.transaction((manager) => this.issue(manager, who, label, null));
  }

  /** Issues a new key with the same label and revokes the old one, in one step. */
  async rotate(who: Principal, id: string): Promise<CreatedApiKey> {
    const created = await this.db.transaction(async (manager) => {
      const old = await this.find(manager, who, id, true);
      if (old.revokedAt) throw new NotFoundException('API key not found or already revoked');
      await this.revokeRow(manager, who, old);
      return this.issue(manager, who, old.label, old.id);
    });
    return created;
  }

  async revoke(who: Principal, id: string): Promise<ApiKeyView> {
    const view = await this.db.transaction(async (manager) => {
      const key = await this.find(manager, who, id, true);
      if (!key.revokedAt) await this.revokeRow(manager, who, key);
      return mapApiKey(key);
    });
    return view;
  }

  /** Revokes a key inside the caller's transaction (offboarding); refused at once on this instance. */
  async revokeWithin(manager: EntityManager, who: Principal, id: string): Promise<ApiKeyView> {
    const key = await this.find(manager, who, id, true);
    if (!key.revokedAt) await this.revokeRow(manager, who, key);
    return mapApiKey(key);
  }

  // What the offboarding of a user asks of the keys they own (decided detail 28); each runs inside the
  // caller's transaction.

  /** The user's active keys in the tenant, oldest first. */
  activeKeysOwnedBy(
    manager: EntityManager,
    tenantId: string,
    ownerId: string,
  ): Promise<{ id: string; label: string; prefix: string; created_at: Date; last_used_at: Date | null }[]> {
    return manager.query(
      `SELECT id, label, prefix, created_at, last_used_at FROM api_key
        WHERE tenant_id = $1 AND owner_id = $2 AND revoked_at IS NULL ORDER BY created_at`,
      [tenantId, ownerId],
    );
  }

  /** How many active keys the user owns in the tenant. */
  async countActiveOwnedBy(manager: EntityManager, tenantId: string, ownerId: string): Promise<number> {
    const [{ keys }] = await manager.query(
      `SELECT count(*)::int AS keys FROM api_key WHERE tenant_id = $1 AND owner_id = $2 AND revoked_at IS NULL`,
      [tenantId, ownerId],
    );
    return keys;
  }

  /** One of the user's active keys in the tenant, locked; null when it is not one of them. */
  async lockActiveKeyOwnedBy(
    manager: EntityManager,
    tenantId: string,
    ownerId: string,
    keyId: string,
  ): Promise<{ id: string; prefix: string; label: string } | null> {
    const [key]: { id: string; prefix: string; label: string }[] = await manager.query(
      `SELECT id, prefix, label FROM api_key WHERE id = $1 AND tenant_id = $2 AND owner_id = $3 AND revoked_at IS NULL FOR UPDATE`,
      [keyId, tenantId, ownerId],
    );
    return key ?? null;
  }

  /**
   * Hands a key over to another user, who answers for it from now on (the key keeps working); audited
   * with the offboarding case that asked for it.
   */
  async handOverWithin(
    manager: EntityManager,
    who: Principal,
    handOver: { keyId: string; fromUserId: string; toUserId: string; offboardingCaseId: string },
  ): Promise<void> {
    await manager.query('UPDATE api_key SET owner_id = $2 WHERE id = $1', [handOver.keyId, handOver.toUserId]);
    await this.audit.record(manager, who, {
      action: 'update',
      entityType: 'api_key',
      entityId: handOver.keyId,
      before: { owner_id: handOver.fromUserId },
      after: { owner_id: handOver.toUserId, offboarding_case_id: handOver.offboardingCaseId },
    });
  }

  /** The principal behind an `X-API-Key`, or null when unknown or revoked. */
  async principalFor(rawKey: string): Promise<Principal | null> {
    const hash = sha256(rawKey);
    const now = Date.now();
    const cached = this.cache.get(hash);
    let principal: Principal | null;
    let keyId: string | null;
    if (cached && cached.until > now) {
      ({ principal, keyId } = cached);
    } else {
      const rows: { id: string; prefix: string; tenant_id: string }[] = await this.db.query(
        `SELECT id, prefix, tenant_id FROM api_key WHERE secret_hash = $1 AND revoked_at IS NULL`,
        [hash],
      );
      const row = rows[0];
      // A key's tenant always exists (deleting a tenant deletes its keys); its slug comes from the tenants
      // module, once per key per cache lifetime.
      const slug = row ? await this.tenants.slugOf(row.tenant_id) : null;
      keyId = row && slug !== null ? row.id : null;
      principal =
        row && slug !== null
          ? {
              kind: 'api_key',
              id: row.id,
              label: `api key ${row.prefix}`,
              tenantId: row.tenant_id,
              tenantSlug: slug,
              roles: [],
            }
          : null;
      if (this.cache.size > 10_000) this.cache.clear();
      if (!keyId || (this.uncachable.get(keyId) ?? 0) <= now)
        this.cache.set(hash, { principal, keyId, until: now + CACHE_MS });
    }
    if (keyId) this.touch(keyId, now);
    return principal;
  }

  private touch(keyId: string, now: number): void {
    if (now - (this.lastUsedWritten.get(keyId) ?? 0) < LAST_USED_EVERY_MS) return;
    this.lastUsedWritten.set(keyId, now);
    this.db
      .query('UPDATE api_key SET last_used_at = now() WHERE id = $1', [keyId])
      .catch((err) => this.logger.warn({ error: loggableError(err), api_key_id: keyId }, 'could not record last use'));
  }

  private async issue(
    manager: EntityManager,
    who: Principal,
    label: string,
    rotatedFromId: string | null,
  ): Promise<CreatedApiKey> {
    const prefix = `fos_${code(8)}`;
    const secret = `${prefix}_${randomBytes(32).toString('base64url')}`;
    const repo = manager.getRepository(ApiKey);
    const saved = await repo.save(
      repo.create({
        tenantId: tenantOf(who),
        label,
        prefix,
        secretHash: sha256(secret),
        createdById: who.kind === 'user' ? who.id : null,
        ownerId: who.kind === 'user' ? who.id : null,
        lastUsedAt: null,
        revokedAt: null,
        rotatedFromId,
      }),
    );
    const key = await this.find(manager, who, saved.id);
    const view = mapApiKey(key);
    await this.audit.record(manager, who, {
      action: 'create',
      entityType: 'api_key',
      entityId: key.id,
      after: { ...view },
    });
    return { ...view, secret };
  }

  private async revokeRow(manager: EntityManager, who: Principal, key: ApiKey): Promise<void> {
    const before = mapApiKey(key);
    key.revokedAt = new Date();
    await manager.getRepository(ApiKey).update({ id: key.id }, { revokedAt: key.revokedAt });
    // Refused at once on this instance, and on every other one through the broadcast.
    this.forget(key.id);
    void this.redis.client
      .publish(this.channel, key.id)
      .catch((error: unknown) =>
        this.logger.warn(
          { error: loggableError(error) },
          'key revocation not broadcast: other instances refuse it within 30 s',
        ),
      );
    await this.audit.record(manager, who, {
      action: 'update',
      entityType: 'api_key',
      entityId: key.id,
      before: { ...before },
      after: { ...mapApiKey(key) },
    });
  }

  private async find(manager: EntityManager, who: Principal, id: string, lock = false): Promise<ApiKey> {
    const qb = manager
      .getRepository(ApiKey)
      .createQueryBuilder('k')
      .leftJoinAndSelect('k.createdBy', 'u')
      .where('k.id = :id AND k.tenant_id = :tenant', { id, tenant: tenantOf(who) });
    if (lock) qb.setLock('pessimistic_write', undefined, ['k']);
    const key = await qb.getOne();
    if (!key) throw new NotFoundException('API key not found');
    return key;
  }
}
