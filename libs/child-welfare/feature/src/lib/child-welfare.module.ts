import { Module } from '@nestjs/common';
import { ChildWelfareController } from './child-welfare.controller';
import { ChildWelfareService } from './child-welfare.service';
import { Clocks } from './clocks';

/** The child-welfare API. Its clocks run on the service's worker (deadline workflows) via deadline commands. */
@Module({ controllers: [ChildWelfareController], providers: [ChildWelfareService, Clocks] })
export class ChildWelfareApiModule {}
