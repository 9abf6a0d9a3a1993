import { exemptionVerification, exemptionsInEffect, weeklyHoursOn } from '@linkages/calworks-domain';
import type {
  FamilyStabilizationReferralEntity,
  SupportiveServiceEntity,
  WtwExemptionEntity,
  WtwParticipantEntity,
  WtwPlanWithActivities,
} from '@linkages/calworks-data-access';
import type { ClockView } from '@linkages/platform-deadline-tracking';
import { todayInCalifornia } from '../household.schemas';

export interface WtwParticipantRecords {
  participant: WtwParticipantEntity;
  plans: WtwPlanWithActivities[];
  exemptions: WtwExemptionEntity[];
  services: SupportiveServiceEntity[];
  referrals: FamilyStabilizationReferralEntity[];
  clocks: (ClockView & { subjectId: string })[];
}

/** A WTW participant as the API shows it: today's exemption and hours, plans, exemptions, services, FS, explained clocks. */
export function wtwParticipantView(r: WtwParticipantRecords, today = todayInCalifornia()) {
  const inEffect = new Set(exemptionsInEffect(r.exemptions, today).map((e) => e.id));
  const current = r.plans.find((p) => p.plan.status === 'current');
  return {
    id: r.participant.id,
    auId: r.participant.auId,
    memberId: r.participant.memberId,
    countyCode: r.participant.countyCode,
    enrolledOn: r.participant.enrolledOn,
    exemptToday: inEffect.size > 0,
    weeklyHoursToday: current ? weeklyHoursOn(current.activities, today) : 0,
    plans: r.plans.map(({ plan, activities }) => ({
      id: plan.id,
      signedOn: plan.signedOn,
      status: plan.status,
      activities: activities.map((a) => ({ id: a.id, type: a.type, weeklyHours: a.weeklyHours, startsOn: a.startsOn, endsOn: a.endsOn })),
    })),
    exemptions: r.exemptions.map((e) => {
      const needed = exemptionVerification(e.reason);
      return {
        id: e.id,
        reason: e.reason,
        startsOn: e.startsOn,
        endsOn: e.endsOn,
        eventOn: e.eventOn,
        inEffectToday: inEffect.has(e.id),
        verification: { required: needed.required, source: needed.source, status: e.verificationStatus, verifiedOn: e.verifiedOn },
      };
    }),
    supportiveServices: r.services.map((s) => ({
      id: s.id,
      type: s.type,
      status: s.status,
      requestedOn: s.requestedOn,
      authorizedOn: s.authorizedOn,
      inPlaceOn: s.inPlaceOn,
    })),
    familyStabilizationReferrals: r.referrals.map((f) => ({ id: f.id, reason: f.reason, referredOn: f.referredOn, status: f.status })),
    clocks: r.clocks.map((c) => ({
      deadlineId: c.deadlineId,
      subjectId: c.subjectId,
      purpose: c.purpose,
      ruleId: c.ruleId,
      tracked: c.tracked,
      ...(c.status !== undefined ? { status: c.status } : {}),
      ...(c.dueAt !== undefined ? { dueAt: c.dueAt } : {}),
      ...(c.dueDate !== undefined ? { dueDate: c.dueDate } : {}),
      ...(c.citation !== undefined ? { citation: c.citation } : {}),
      ...(c.explanation !== undefined ? { explanation: c.explanation } : {}),
      ...(c.startsFrom !== undefined ? { startsFrom: c.startsFrom } : {}),
    })),
  };
}
