import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { EventLogModule } from '../event-log/event-log.module';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { deploymentId } from '../platform/database/deployment-id';
import { SqlDatabase } from '../platform/database/sql-database';
import { ReadinessChecks } from '../platform/health/readiness-checks';
import { EventBus, InProcessEventBus } from './bus/event-bus';
import { RedisEventBus } from './bus/redis-event-bus';
import { ConnectionAdmission } from './connection-admission';
import { ConnectionRegistry } from './connection-registry';
import { DeliveryService } from './delivery.service';
import { DomainEventsListener } from './domain-events.listener';
import { KeepAliveService } from './keep-alive.service';
import { loadRealtimeSettings, REALTIME_SETTINGS } from './realtime-settings';
import { RealtimeGateway } from './realtime.gateway';
import { ReplayService } from './replay.service';
import { SessionRevocations } from './session-revocations.service';
import { EventsController } from './events.controller';
import { InProcessPresenceBus, PresenceBus, RedisPresenceBus } from './presence/presence-bus';
import { PresenceController } from './presence/presence.controller';
import { PresenceRepository } from './presence/presence.repository';
import { PRESENCE_INSTANCE, PresenceService } from './presence/presence.service';
import { randomUUID } from 'node:crypto';
import { SseService } from './sse.service';

@Module({
  imports: [AuthModule, EventLogModule],
  controllers: [EventsController, PresenceController],
  providers: [
    { provide: REALTIME_SETTINGS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => loadRealtimeSettings(config) },
    {
      provide: EventBus,
      inject: [APP_CONFIG, ReadinessChecks, SqlDatabase],
      useFactory: async (config: AppConfig, readiness: ReadinessChecks, db: SqlDatabase): Promise<EventBus> =>
        config.redisUrl
          ? new RedisEventBus(config.redisUrl, config.eventBusNamespace ?? (await deploymentId(db)), readiness)
          : new InProcessEventBus(),
    },
    { provide: PRESENCE_INSTANCE, useFactory: () => randomUUID() },
    {
      provide: PresenceBus,
      inject: [APP_CONFIG, SqlDatabase, PRESENCE_INSTANCE],
      useFactory: async (config: AppConfig, db: SqlDatabase, instance: string): Promise<PresenceBus> =>
        config.redisUrl
          ? new RedisPresenceBus(config.redisUrl, config.eventBusNamespace ?? (await deploymentId(db)), instance)
          : new InProcessPresenceBus(),
    },
    PresenceRepository,
    PresenceService,
    ConnectionRegistry,
    ConnectionAdmission,
    DeliveryService,
    DomainEventsListener,
    KeepAliveService,
    ReplayService,
    SessionRevocations,
    RealtimeGateway,
    SseService,
  ],
})
export class RealtimeModule {}
