import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { EventLogModule } from '../event-log/event-log.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { SharesController } from './shares.controller';
import { SharesRepository } from './shares.repository';
import { SharesService } from './shares.service';

@Module({
  imports: [AccessModule, EventLogModule, NotificationsModule, UsersModule],
  controllers: [SharesController],
  providers: [SharesRepository, SharesService],
})
export class SharesModule {}
