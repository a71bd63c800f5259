import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** One Prometheus registry per process (SPEC H2). */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly gateDecisions = new Counter({
    name: 'gate_decisions_total',
    help: 'Gate decisions by channel, mode and outcome (allowed, blocked, would_block, unavailable)',
    labelNames: ['channel', 'mode', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly gateLatency = new Histogram({
    name: 'gate_decision_duration_seconds',
    help: 'Gate decision latency inside the server, from request to committed decision',
    labelNames: ['outcome'] as const,
    buckets: [0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5],
    registers: [this.registry],
  });
  readonly gateUnavailable = new Counter({
    name: 'gate_unavailable_total',
    help: 'Fail-closed answers (GATE_UNAVAILABLE) by cause',
    labelNames: ['cause'] as const,
    registers: [this.registry],
  });
  readonly gateSpoolPending = new Gauge({
    name: 'gate_spool_pending',
    help: 'Decisions spooled locally, waiting for the database',
    registers: [this.registry],
  });

  readonly webhookResults = new Counter({
    name: 'webhook_deliveries_total',
    help: 'Webhook deliveries by vendor and result (verified, refused, rate_limited, invalid, stored, duplicate, processed, failed)',
    labelNames: ['vendor', 'result'] as const,
    registers: [this.registry],
  });

  webhookResult(
    vendor: string,
    result: 'verified' | 'refused' | 'rate_limited' | 'invalid' | 'stored' | 'duplicate' | 'processed' | 'failed',
  ): void {
    this.webhookResults.inc({ vendor, result });
  }

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
