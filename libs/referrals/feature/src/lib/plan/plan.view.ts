import { redact, type DisclosureDecision } from '@linkages/platform-access';
import type { PersonCircumstancesEntity, PlanActivityEntity, PlanConflictEntity } from '@linkages/referrals-data-access';
import {
  activityDisclosure,
  conflictShown,
  cwsPlanActivityClassification,
  maskedConflictReason,
  planDisclosureSummary,
  type ActivityDisclosure,
  type PlanActivity,
  type PlanDisclosurePolicy,
  type PlanDisclosureSummary,
  type PlanSettings,
} from '@linkages/referrals-domain';

type ActivityView = Partial<PlanActivity> &
  Pick<PlanActivity, 'id' | 'agency' | 'personRecordId'> & {
    /** `schedule`: a CWS activity shown as a block only (what it is withheld under the caller's authority). */
    shown: ActivityDisclosure['shown'];
  };

export interface PlanView {
  familyId: string;
  activities: ActivityView[];
  conflicts: {
    id: string;
    code: PlanConflictEntity['code'];
    personRecordId: string;
    activityIds: string[];
    reason: string;
    /** `masked`: it names a CWS activity shown as a block, and its reason says "a CWS activity". */
    shown: 'whole' | 'masked';
    flaggedAt: string;
    resolvedAt: string | null;
  }[];
  wtwCandidates: string[];
  circumstances: { personRecordId: string; hasVehicle: boolean; hasLicence: boolean; transitAccess: boolean; childCareArranged: boolean }[];
  settings: PlanSettings & { countableCwsActivityTypes: string[] };
  disclosure: { basis: string; citation: string; classes: string[]; authorityIds: string[] };
}

const plain = (a: PlanActivityEntity): PlanActivity => ({
  id: a.id,
  agency: a.agency,
  source: a.source,
  personRecordId: a.personRecordId,
  kind: a.kind,
  typeCode: a.typeCode,
  title: a.title,
  weeklyHours: a.weeklyHours,
  slots: a.slots,
  startsOn: a.startsOn,
  endsOn: a.endsOn,
  requiresChildCare: a.requiresChildCare,
  requiresTransport: a.requiresTransport,
  location: a.location,
  status: a.status,
  wtwCount: a.wtwCount,
});

/**
 * The coordinated plan through the sharing policy and the plan's disclosure rule (`activityDisclosure`): a CWS activity
 * is shown whole or as its schedule block (days, times, dates, hours, needs); its WTW-count mark only when shown whole;
 * a conflict naming a block is shown, its reason in neutral words. CalWORKs activities whole. Also the counts the
 * read's audit records (bases, what was withheld; no content).
 */
export function planView(input: {
  familyId: string;
  activities: PlanActivityEntity[];
  conflicts: PlanConflictEntity[];
  circumstances: PersonCircumstancesEntity[];
  /** The activities marked (or due to be marked) as WTW-count candidates. */
  wtwCandidates: readonly string[];
  settings: PlanSettings;
  decision: DisclosureDecision;
  policy: PlanDisclosurePolicy;
}): { view: PlanView; summary: PlanDisclosureSummary } {
  const { decision, policy } = input;
  const candidates = new Set(input.wtwCandidates);
  const shownOf = new Map(input.activities.map((a) => [a.id, activityDisclosure(policy, a)]));
  const activities = input.activities.map((a): ActivityView => {
    const d = shownOf.get(a.id) as ActivityDisclosure;
    if (a.agency === 'calworks') return { ...plain(a), shown: d.shown };
    const kept = (redact(plain(a), cwsPlanActivityClassification, d) ?? {}) as Partial<PlanActivity>;
    return { ...kept, id: a.id, agency: a.agency, personRecordId: a.personRecordId, shown: d.shown };
  });
  const conflicts = input.conflicts.map((c) => {
    const shown = conflictShown(c.activityIds, (id) => shownOf.get(id)?.shown);
    return {
      id: c.id,
      code: c.code,
      personRecordId: c.personRecordId,
      activityIds: c.activityIds,
      reason: shown === 'whole' ? c.reason : maskedConflictReason(c.reason),
      shown,
      flaggedAt: c.flaggedAt.toISOString(),
      resolvedAt: c.resolvedAt?.toISOString() ?? null,
    };
  });
  const summary = planDisclosureSummary(
    input.activities.map((a) => ({ ...(shownOf.get(a.id) as ActivityDisclosure), candidate: candidates.has(a.id) })),
    conflicts.map((c) => c.shown),
  );
  const view: PlanView = {
    familyId: input.familyId,
    activities,
    conflicts,
    wtwCandidates: [...candidates].filter((id) => shownOf.get(id)?.shown === 'whole').sort(),
    circumstances: input.circumstances.map((c) => ({
      personRecordId: c.personRecordId,
      hasVehicle: c.hasVehicle,
      hasLicence: c.hasLicence,
      transitAccess: c.transitAccess,
      childCareArranged: c.childCareArranged,
    })),
    settings: { ...input.settings, countableCwsActivityTypes: [...input.settings.countableCwsActivityTypes] },
    disclosure: {
      basis: decision.basis ?? 'none',
      citation: decision.citation ?? '',
      classes: decision.classes,
      authorityIds: decision.authorityIds,
    },
  };
  return { view, summary };
}
