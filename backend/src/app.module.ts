import { Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ActivityModule } from './activity/activity.module';
import { AuthModule } from './auth/auth.module';
import { CommentsModule } from './comments/comments.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { EventLogModule } from './event-log/event-log.module';
import { ConfigModule } from './platform/config/config.module';
import { DatabaseModule } from './platform/database/database.module';
import { HistoryModule } from './history/history.module';
import { HealthModule } from './platform/health/health.module';
import { NotificationsModule } from './notifications/notifications.module';
import { MetricsModule } from './platform/metrics/metrics.module';
import { RealtimeModule } from './realtime/realtime.module';
import { SharesModule } from './shares/shares.module';
import { TasksModule } from './tasks/tasks.module';
import { TeamsModule } from './teams/teams.module';
import { UsersModule } from './users/users.module';

@Module({
  imports: [
    ConfigModule,
    EventEmitterModule.forRoot(),
    DatabaseModule,
    EventLogModule,
    MetricsModule,
    HealthModule,
    AuthModule,
    UsersModule,
    TasksModule,
    SharesModule,
    TeamsModule,
    DashboardModule,
    CommentsModule,
    NotificationsModule,
    HistoryModule,
    ActivityModule,
    RealtimeModule,
  ],
})
export class AppModule {}
