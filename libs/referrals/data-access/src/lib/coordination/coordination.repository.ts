import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import type { CoordinationMeeting, CoordinationTask, EnrollmentOp } from '@linkages/referrals-domain';
import { coordinationPurposeOf } from '@linkages/referrals-domain';
import { CoordinationStepEntity, CoordinationTaskEntity, EnrollmentEntity, JointMeetingEntity } from './coordination.entities';

const date = (iso: string | null) => (iso ? new Date(iso) : null);

/** The coordination rows of shared families (written by the coordination process's activity, read by the API). */
@Injectable()
export class CoordinationRepository {
  /** Records the step as applied; false when it was applied before (a retried activity writes nothing again). */
  async claimStep(tx: EntityManager, stepId: string, familyId: string, step: string): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(CoordinationStepEntity)
      .values({ stepId, familyId, step, appliedAt: new Date() })
      .orIgnore()
      .returning(['stepId'])
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  async writeTask(tx: EntityManager, familyId: string, countyCode: string, t: CoordinationTask, dueAt: string | null): Promise<void> {
    await tx.getRepository(CoordinationTaskEntity).upsert(
      {
        id: t.taskId,
        familyId,
        countyCode,
        code: t.code,
        status: t.status,
        ruleId: t.ruleId,
        subjectType: t.subject.type,
        subjectId: t.subject.id,
        purpose: coordinationPurposeOf(t.code),
        caseId: t.caseId,
        startAt: new Date(t.startAt),
        openedAt: new Date(t.openedAt),
        dueAt: date(dueAt ?? t.dueAt),
        doneAt: date(t.doneAt),
        doneBy: t.doneBy,
        outcome: t.outcome,
        escalationLevel: t.escalationLevel,
        sourceEventId: t.sourceEventId,
        updatedAt: new Date(),
      },
      ['id'],
    );
  }

  async writeMeeting(tx: EntityManager, familyId: string, countyCode: string, m: CoordinationMeeting): Promise<void> {
    await tx
      .createQueryBuilder()
      .insert()
      .into(JointMeetingEntity)
      .values({
        id: m.meetingId,
        familyId,
        countyCode,
        kind: m.kind,
        caseId: m.caseId,
        heldOn: m.heldOn,
        calworksWorkerInvited: m.calworksWorkerInvited,
        recordedBy: m.recordedBy,
        sourceEventId: m.sourceEventId,
        recordedAt: new Date(),
      })
      .orIgnore()
      .execute();
  }

  async writeEnrollment(tx: EntityManager, familyId: string, countyCode: string, op: EnrollmentOp): Promise<void> {
    const repo = tx.getRepository(EnrollmentEntity);
    switch (op.op) {
      case 'start':
      case 'supersede': {
        if (op.op === 'supersede')
          await repo.update(
            { id: op.previousId, endedAt: IsNull() },
            { endedAt: new Date(op.row.startedAt), supersededBy: op.row.enrollmentId },
          );
        await tx
          .createQueryBuilder()
          .insert()
          .into(EnrollmentEntity)
          .values({
            id: op.row.enrollmentId,
            familyId,
            countyCode,
            strategy: op.row.strategy,
            tracks: op.row.tracks,
            reasons: op.row.reasons,
            liaisonSubject: op.row.liaisonSubject,
            caseStage: op.row.caseStage,
            startedAt: new Date(op.row.startedAt),
            endedAt: null,
            supersededBy: null,
          })
          .execute();
        return;
      }
      case 'end':
        await repo.update({ id: op.enrollmentId, endedAt: IsNull() }, { endedAt: new Date(op.endedAt) });
        return;
      case 'liaison':
        await repo.update({ id: op.enrollmentId }, { liaisonSubject: op.liaisonSubject });
        return;
    }
  }

  tasksOf(tx: EntityManager, familyId: string): Promise<CoordinationTaskEntity[]> {
    return tx.getRepository(CoordinationTaskEntity).find({ where: { familyId }, order: { openedAt: 'ASC', id: 'ASC' } });
  }

  task(tx: EntityManager, familyId: string, taskId: string): Promise<CoordinationTaskEntity | null> {
    return tx.getRepository(CoordinationTaskEntity).findOne({ where: { familyId, id: taskId } });
  }

  meetingsOf(tx: EntityManager, familyId: string): Promise<JointMeetingEntity[]> {
    return tx.getRepository(JointMeetingEntity).find({ where: { familyId }, order: { heldOn: 'ASC', id: 'ASC' } });
  }

  /** Every enrollment of the family, the current one (not ended) first, then the superseded ones newest first. */
  async enrollmentsOf(tx: EntityManager, familyId: string): Promise<EnrollmentEntity[]> {
    const rows = await tx.getRepository(EnrollmentEntity).find({ where: { familyId }, order: { startedAt: 'DESC', id: 'ASC' } });
    return [...rows.filter((r) => !r.endedAt), ...rows.filter((r) => r.endedAt)];
  }
}
