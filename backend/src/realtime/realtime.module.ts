import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ConnectionAdmission } from './connection-admission';
import { ConnectionRegistry } from './connection-registry';
import { DeliveryService } from './delivery.service';
import { DomainEventsListener } from './domain-events.listener';
import { ReadinessChecks } from '../health/readiness-checks';
import { EventBus, InProcessEventBus } from './event-bus';
import { RedisEventBus } from './redis-event-bus';
import { KeepAliveService } from './keep-alive.service';
import { loadRealtimeSettings, REALTIME_SETTINGS } from './realtime-settings';
import { RealtimeGateway } from './realtime.gateway';
import { ReplayService } from './replay.service';
import { RetentionPrunerService } from './retention-pruner.service';

@Module({
  providers: [
    { provide: REALTIME_SETTINGS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => loadRealtimeSettings(config) },
    {
      provide: EventBus,
      inject: [APP_CONFIG, ReadinessChecks],
      useFactory: (config: AppConfig, readiness: ReadinessChecks): EventBus =>
        config.redisUrl ? new RedisEventBus(config.redisUrl, readiness) : new InProcessEventBus(),
    },
    ConnectionRegistry,
    ConnectionAdmission,
    DeliveryService,
    DomainEventsListener,
    KeepAliveService,
    ReplayService,
    RetentionPrunerService,
    RealtimeGateway,
  ],
})
export class RealtimeModule {}
