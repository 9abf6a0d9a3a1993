import { Module } from '@nestjs/common';
import { LinkagesAuthorityModule } from '../authority/linkages-authority.module';
import { FamilyTimelineQuery } from './family-timeline.query';
import { TimelineController } from './timeline.controller';

/** The family timeline's route (issue 13, Deliver 6). */
@Module({
  imports: [LinkagesAuthorityModule],
  controllers: [TimelineController],
  providers: [FamilyTimelineQuery],
})
export class LinkagesTimelineModule {}
