import { InjectQueue } from '@nestjs/bull';
import { HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { Principal, tenantOf } from '../auth/principal';
import { applyList, ListQuery, ListSpec, parseListQuery } from '../database/list-query';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error';
import { QUEUES } from '../queues/queues';
import { VendorsService } from '../vendors/vendors.service';
import { WebhookDelivery } from './webhook-delivery.entity';
import type { WebhookHealthView } from '@floor-os/contracts';
import { AdminChangesService } from '../admin-changes/admin-changes.service';
import { RedisService } from '../redis/redis.module';
import { lastHeartbeat } from '../queues/worker-heartbeat';
import { REFUSED_FROM } from './webhook-intake.service';
import { WebhookQueueService } from './webhook-queue.service';

const DELIVERY_LIST: ListSpec = {
  fields: {
    id: 'd.id',
    vendor: 'd.vendor',
    status: 'd.status',
    event_id: 'd.event_id',
    received_at: 'd.received_at',
    processed_at: 'd.processed_at',
  },
  search: ['d.event_id', 'd.last_error'],
  defaultSort: ['received_at', 'DESC'],
};

export function mapDelivery(d: WebhookDelivery) {
  return {
    id: String(d.id),
    vendor: d.vendor,
    event_id: d.eventId,
    status: d.status,
    attempts: d.attempts,
    last_error: d.lastError,
    audit_id: d.auditId,
    received_at: d.receivedAt.toISOString(),
    processed_at: d.processedAt?.toISOString() ?? null,
  };
}

/** W5's view, and the source addresses that sent the most refused deliveries in the window. */
export type WebhookHealth = WebhookHealthView;

/** How many source addresses of refusals webhook health lists (the busiest first). */
const REFUSED_SOURCES_SHOWN = 10;

/** What IT reads of the webhooks (SPEC W5): health over a window, the inbox, and a failed delivery's replay. */
@Injectable()
export class WebhookHealthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly vendors: VendorsService,
    @InjectQueue(QUEUES.webhooks) private readonly queue: Queue,
    private readonly audit: AdminChangesService,
    private readonly redis: RedisService,
    private readonly deliveries: WebhookQueueService,
  ) {}

  async listDeliveries(who: Principal, query: ListQuery) {
    const parsed = parseListQuery(query, DELIVERY_LIST);
    const qb = this.db
      .getRepository(WebhookDelivery)
      .createQueryBuilder('d')
      .where('d.tenant_id = :tenant', { tenant: tenantOf(who) });
    const [rows, total] = await applyList(qb, parsed, DELIVERY_LIST).getManyAndCount();
    return { rows: rows.map(mapDelivery), total, skip: parsed.skip };
  }

  /** Replays a failed delivery: back to pending and processed again (once: processing is idempotent). Audited. */

  async replay(who: Principal, id: string) {
    if (!/^\d{1,18}$/.test(id)) throw new NotFoundException('Delivery not found');
    const delivery = await this.db.getRepository(WebhookDelivery).findOneBy({ id, tenantId: tenantOf(who) });
    if (!delivery) throw new NotFoundException('Delivery not found');
    if (delivery.status !== 'failed')
      throw new ApiError(HttpStatus.CONFLICT, 'NOT_FAILED', 'Only a failed delivery can be replayed');
    await this.db.transaction(async (manager) => {
      await manager.getRepository(WebhookDelivery).update({ id }, { status: 'pending', attempts: 0, lastError: null });
      await this.audit.record(manager, who, {
        action: 'update',
        entityType: 'webhook_delivery',
        entityId: id,
        before: { status: 'failed', last_error: delivery.lastError },
        after: { status: 'pending', replayed: true },
      });
    });
    await this.deliveries.enqueue(id);
    return mapDelivery({ ...delivery, status: 'pending', attempts: 0, lastError: null });
  }

  /** Records a failed try; the last one leaves the delivery `failed`, visible with its error. */

  /**
   * Webhook health (SPEC W5) over the last `hours`, for the caller's tenant only: deliveries by status,
   * duplicates and refusals (by reason, and the source addresses refusing most), processing failures grouped
   * by their error, the last delivery per dialer, and the tenant's own deliveries in the processing queue.
   * Success rate = processed / (processed + failed): of the deliveries that proved themselves, the share
   * applied. Refusals are anonymous traffic anyone can send, so they are reported beside it, never in it.
   */
  async health(who: Principal, hours: number): Promise<WebhookHealth> {
    const tenantId = tenantOf(who);
    const since = `${hours} hours`;
    const [[counts], stats, sources, errors, lastByVendor, cards, queue] = await Promise.all([
      this.db.query(
        `SELECT count(*)::int AS received, count(*) FILTER (WHERE status = 'processed')::int AS processed,
                count(*) FILTER (WHERE status = 'failed')::int AS failed, count(*) FILTER (WHERE status = 'pending')::int AS pending
           FROM webhook_delivery WHERE tenant_id = $1 AND received_at > now() - $2::interval`,
        [tenantId, since],
      ),
      this.db.query(
        `SELECT kind, reason, sum(count)::int AS count FROM webhook_stat
          WHERE tenant_id = $1 AND hour > date_trunc('hour', now() - $2::interval) AND kind IN ('refused', 'duplicate') GROUP BY kind, reason`,
        [tenantId, since],
      ),
      this.db.query(
        `SELECT reason AS address, sum(count)::int AS count FROM webhook_stat
          WHERE tenant_id = $1 AND hour > date_trunc('hour', now() - $2::interval) AND kind = '${REFUSED_FROM}'
          GROUP BY reason ORDER BY 2 DESC, 1 LIMIT ${REFUSED_SOURCES_SHOWN}`,
        [tenantId, since],
      ),
      this.db.query(
        `SELECT coalesce(substring(last_error from '^[^:;]{1,80}'), 'unknown') AS reason, count(*)::int AS count FROM webhook_delivery
          WHERE tenant_id = $1 AND status = 'failed' AND received_at > now() - $2::interval GROUP BY 1 ORDER BY 2 DESC LIMIT 20`,
        [tenantId, since],
      ),
      this.db.query(
        `SELECT DISTINCT ON (vendor) vendor, received_at, status FROM webhook_delivery WHERE tenant_id = $1 ORDER BY vendor, received_at DESC`,
        [tenantId],
      ),
      this.vendors.list(who),
      this.tenantQueue(tenantId),
    ]);
    const heartbeat = await lastHeartbeat(this.redis);
    const refused = (stats as { kind: string; reason: string; count: number }[]).filter((s) => s.kind === 'refused');
    const refusedTotal = refused.reduce((n, s) => n + s.count, 0);
    const duplicates = (stats as { kind: string; count: number }[])
      .filter((s) => s.kind === 'duplicate')
      .reduce((n, s) => n + s.count, 0);
    const settled = counts.processed + counts.failed;
    const last = new Map(
      (lastByVendor as { vendor: string; received_at: Date; status: string }[]).map((r) => [r.vendor, r]),
    );
    return {
      window_hours: hours,
      ...counts,
      duplicates,
      refused: refusedTotal,
      success_rate: settled === 0 ? null : counts.processed / settled,
      refused_sources: sources as { address: string; count: number }[],
      failures_by_reason: [
        ...refused.map((s) => ({ kind: 'refused' as const, reason: `signature: ${s.reason}`, count: s.count })),
        ...(errors as { reason: string; count: number }[]).map((e) => ({
          kind: 'processing' as const,
          reason: e.reason,
          count: e.count,
        })),
      ].sort((a, b) => b.count - a.count),
      vendors: cards
        .filter((c) => c.kind === 'dialer')
        .map((c) => ({
          vendor: c.vendor,
          enabled: c.enabled,
          has_secret: c.has_secret,
          last_delivery_at: last.get(c.vendor)?.received_at.toISOString() ?? null,
          last_status: last.get(c.vendor)?.status ?? null,
        })),
      queue: { ...queue, worker_heartbeat_at: heartbeat },
    };
  }

  /**
   * The tenant's own deliveries in the processing queue (the queue itself is shared by every tenant, so its
   * job counts are nobody's): still to apply (`waiting`), being applied by a worker now (`active`: in a
   * job a worker holds), waiting for a retry after a failed try (`delayed`), and given up (`failed`).
   */
  private async tenantQueue(
    tenantId: string,
  ): Promise<{ waiting: number; active: number; delayed: number; failed: number }> {
    const jobs = await this.queue.getActive(0, 49).catch(() => []);
    const inFlight = jobs
      .flatMap((job) => (job?.data?.deliveryIds ?? (job?.data?.deliveryId ? [job.data.deliveryId] : [])) as unknown[])
      .filter((id): id is string => typeof id === 'string' && /^\d{1,18}$/.test(id));
    const [row] = await this.db.query(
      `SELECT count(*) FILTER (WHERE status = 'pending' AND id = ANY($2::bigint[]))::int AS active,
              count(*) FILTER (WHERE status = 'pending' AND attempts = 0 AND NOT id = ANY($2::bigint[]))::int AS waiting,
              count(*) FILTER (WHERE status = 'pending' AND attempts > 0 AND NOT id = ANY($2::bigint[]))::int AS delayed,
              count(*) FILTER (WHERE status = 'failed')::int AS failed
         FROM webhook_delivery WHERE tenant_id = $1 AND status IN ('pending', 'failed')`,
      [tenantId, inFlight],
    );
    return { waiting: row.waiting, active: row.active, delayed: row.delayed, failed: row.failed };
  }
}
