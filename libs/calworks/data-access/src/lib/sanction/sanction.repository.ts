import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EpisodeRef, SanctionRow } from '@linkages/calworks-domain';
import { CompliancePlanEntity } from './compliance-plan.entity';
import { CurePlanEntity } from './cure-plan.entity';
import { CureRequestEntity } from './cure-request.entity';
import { GoodCauseDeterminationEntity } from './good-cause-determination.entity';
import { NoncomplianceEpisodeEntity } from './noncompliance-episode.entity';
import { SanctionRequestEntity } from './sanction-request.entity';
import { SanctionEntity } from './sanction.entity';
import { SupervisorReviewEntity } from './supervisor-review.entity';

/** An episode with everything recorded on it, oldest first. */
export interface EpisodeRecords {
  episode: NoncomplianceEpisodeEntity;
  goodCause: GoodCauseDeterminationEntity[];
  compliancePlans: CompliancePlanEntity[];
  requests: SanctionRequestEntity[];
  reviews: SupervisorReviewEntity[];
  sanctions: SanctionEntity[];
  cureRequests: CureRequestEntity[];
  curePlans: CurePlanEntity[];
}

/**
 * The sanction process's rows. The workflow's activity writes each step's rows as upserts by id (a retried activity
 * writes the same rows again); the API reads them county-scoped.
 */
@Injectable()
export class SanctionRepository {
  /** Writes one row of a step (insert, or update the same id). */
  async write(tx: EntityManager, ref: EpisodeRef, row: SanctionRow): Promise<void> {
    const base = { countyCode: ref.countyCode };
    const { table: _table, ...fields } = row;
    switch (row.table) {
      case 'episode':
        await tx.getRepository(NoncomplianceEpisodeEntity).save({
          ...fields,
          ...base,
          familyId: ref.familyId,
          auId: ref.auId,
          participantId: ref.participantId,
          updatedAt: new Date(),
        } as NoncomplianceEpisodeEntity);
        return;
      case 'good-cause':
        await tx
          .getRepository(GoodCauseDeterminationEntity)
          .save({ ...fields, ...base, episodeId: ref.episodeId } as GoodCauseDeterminationEntity);
        return;
      case 'compliance-plan':
        await tx.getRepository(CompliancePlanEntity).save({ ...fields, ...base, episodeId: ref.episodeId } as CompliancePlanEntity);
        return;
      case 'sanction-request':
        await tx.getRepository(SanctionRequestEntity).save({ ...fields, ...base, episodeId: ref.episodeId } as SanctionRequestEntity);
        return;
      case 'supervisor-review':
        await tx.getRepository(SupervisorReviewEntity).save({ ...fields, ...base, episodeId: ref.episodeId } as SupervisorReviewEntity);
        return;
      case 'sanction':
        await tx
          .getRepository(SanctionEntity)
          .save({ ...fields, ...base, episodeId: ref.episodeId, participantId: ref.participantId } as SanctionEntity);
        return;
      case 'cure-request':
        await tx.getRepository(CureRequestEntity).save({ ...fields, ...base, episodeId: ref.episodeId } as CureRequestEntity);
        return;
      case 'cure-plan':
        await tx.getRepository(CurePlanEntity).save({ ...fields, ...base, episodeId: ref.episodeId } as CurePlanEntity);
        return;
    }
  }

  /** The episode, when in the county (another county's episode is absent). */
  async episodeInCounty(tx: EntityManager, county: string, episodeId: string): Promise<NoncomplianceEpisodeEntity | undefined> {
    const episode = await tx.getRepository(NoncomplianceEpisodeEntity).findOne({ where: { id: episodeId } });
    return episode && episode.countyCode === county ? episode : undefined;
  }

  /** A participant's episodes, newest notice first (each parent of a two-parent AU has their own). */
  episodesOfParticipant(tx: EntityManager, participantId: string): Promise<NoncomplianceEpisodeEntity[]> {
    return tx.getRepository(NoncomplianceEpisodeEntity).find({ where: { participantId }, order: { noticeIssuedOn: 'DESC' } });
  }

  async records(tx: EntityManager, episode: NoncomplianceEpisodeEntity): Promise<EpisodeRecords> {
    const where = { episodeId: episode.id };
    return {
      episode,
      goodCause: await tx.getRepository(GoodCauseDeterminationEntity).find({ where, order: { determinedOn: 'ASC' } }),
      compliancePlans: await tx.getRepository(CompliancePlanEntity).find({ where, order: { signedOn: 'ASC' } }),
      requests: await tx.getRepository(SanctionRequestEntity).find({ where, order: { requestedOn: 'ASC' } }),
      reviews: await tx.getRepository(SupervisorReviewEntity).find({ where, order: { reviewedOn: 'ASC' } }),
      sanctions: await tx.getRepository(SanctionEntity).find({ where, order: { imposedOn: 'ASC' } }),
      cureRequests: await tx.getRepository(CureRequestEntity).find({ where, order: { contactOn: 'ASC' } }),
      curePlans: await tx.getRepository(CurePlanEntity).find({ where, order: { signedOn: 'ASC' } }),
    };
  }
}
