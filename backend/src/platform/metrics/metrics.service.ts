import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The Prometheus registry of this process and the instruments the modules update. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'taskpulse_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'taskpulse_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly wsConnections = new Gauge({ name: 'taskpulse_ws_connections', help: 'Open WebSocket connections', registers: [this.registry] });
  readonly wsClosed = new Counter({
    name: 'taskpulse_ws_closed_total',
    help: 'Closed WebSocket connections by close code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly eventsDelivered = new Counter({
    name: 'taskpulse_events_delivered_total',
    help: 'Event messages written to sockets (live and replayed)',
    labelNames: ['mode'] as const,
    registers: [this.registry],
  });
  readonly eventLogHead = new Gauge({
    name: 'taskpulse_event_log_head',
    help: 'Highest seq delivered by this instance',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'taskpulse_' });
  }
}
