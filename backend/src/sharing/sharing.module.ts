import { Module } from '@nestjs/common';
import { Audience } from './audience';
import { SharesController, TeamsController } from './sharing.controller';
import { SharesService } from './shares.service';
import { TeamsService } from './teams.service';

@Module({
  controllers: [SharesController, TeamsController],
  providers: [Audience, SharesService, TeamsService],
  exports: [Audience],
})
export class SharingModule {}
