import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { EventLogModule } from '../event-log/event-log.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { TeamsController } from './teams.controller';
import { TeamsRepository } from './teams.repository';
import { TeamsService } from './teams.service';

@Module({
  imports: [AccessModule, EventLogModule, NotificationsModule, UsersModule],
  controllers: [TeamsController],
  providers: [TeamsRepository, TeamsService],
})
export class TeamsModule {}
