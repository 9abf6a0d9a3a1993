import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter, shareEvent } from '@linkages/platform-messaging';
import { PlanConflictEntity, PlanRepository } from '@linkages/referrals-data-access';
import {
  authorityEventClassification,
  conflictsOf,
  planSettingsFor,
  wtwCountCandidates,
  type PlanSettings,
} from '@linkages/referrals-domain';
import { planConflictFlaggedEvent } from '@linkages/shared-contracts';

/** The family a plan change is about: its surviving id (events are keyed by it), every merged id, its county. */
export interface PlanFamily {
  familyId: string;
  familyIds: string[];
  countyCode: string;
}

/**
 * Re-evaluates a family's coordinated plan after each change, in the change's transaction: each new conflict is
 * flagged once (fingerprint UNIQUE) with `linkages.plan-conflict-flagged`; a conflict that no longer holds is resolved;
 * one that holds again is reopened and flagged again. Countable CWS activities are marked `candidate` for the
 * workers — never counted.
 */
@Injectable()
export class PlanEvaluator {
  constructor(
    private readonly plans: PlanRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  settingsOf(countyCode: string): PlanSettings {
    return planSettingsFor(countyCode);
  }

  async evaluate(tx: EntityManager, family: PlanFamily, correlationId: string, at = new Date()): Promise<PlanConflictEntity[]> {
    const settings = this.settingsOf(family.countyCode);
    // One after another: a transaction's queries share its connection.
    const activities = await this.plans.activities(tx, family.familyIds);
    const circumstances = await this.plans.circumstances(tx, family.familyIds);
    const existing = await this.plans.conflicts(tx, family.familyIds);
    for (const id of wtwCountCandidates(activities, settings)) {
      const a = activities.find((x) => x.id === id);
      if (a && a.wtwCount === null) await this.plans.saveActivity(tx, Object.assign(a, { wtwCount: 'candidate', updatedAt: at }));
    }
    const current = conflictsOf(activities, circumstances, settings);
    const byFingerprint = new Map(existing.map((c) => [c.fingerprint, c]));
    const flagged: PlanConflictEntity[] = [];
    for (const c of current) {
      const seen = byFingerprint.get(c.fingerprint);
      if (seen && !seen.resolvedAt) continue;
      const eventId = randomUUID();
      if (seen) {
        Object.assign(seen, { resolvedAt: null, flaggedAt: at, reason: c.reason, eventId });
        await this.plans.saveConflict(tx, seen);
        flagged.push(seen);
      } else {
        const row = Object.assign(new PlanConflictEntity(), {
          id: randomUUID(),
          familyId: family.familyId,
          countyCode: family.countyCode,
          code: c.code,
          personRecordId: c.personRecordId,
          activityIds: c.activityIds,
          reason: c.reason,
          fingerprint: c.fingerprint,
          flaggedAt: at,
          resolvedAt: null,
          eventId,
        });
        if (!(await this.plans.flag(tx, row))) continue;
        flagged.push(row);
      }
    }
    const holding = new Set(current.map((c) => c.fingerprint));
    for (const c of existing)
      if (!c.resolvedAt && !holding.has(c.fingerprint)) await this.plans.saveConflict(tx, Object.assign(c, { resolvedAt: at }));
    for (const c of flagged)
      await shareEvent(
        this.outbox,
        tx,
        authorityEventClassification,
        planConflictFlaggedEvent,
        { conflictId: c.id, familyId: family.familyId, code: c.code, activityIds: c.activityIds, at: at.toISOString() },
        { countyCode: family.countyCode, correlationId, id: c.eventId },
      );
    return flagged;
  }
}
