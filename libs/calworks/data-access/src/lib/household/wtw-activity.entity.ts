import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { WtwActivityType } from '@linkages/calworks-domain';

/** An activity of a WTW plan, with its weekly hours (whole hours). */
@Entity({ name: 'wtw_activities' })
export class WtwActivityEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') planId!: string;
  @Column('text') type!: WtwActivityType;
  @Column('int') weeklyHours!: number;
  @Column('date') startsOn!: string;
  @Column('date', { nullable: true }) endsOn!: string | null;
  @Column('int') position!: number;
}
