import { redact, type DisclosureDecision } from '@linkages/platform-access';
import type { PersonCircumstancesEntity, PlanActivityEntity, PlanConflictEntity } from '@linkages/referrals-data-access';
import { cwsPlanActivityClassification, type PlanActivity, type PlanSettings } from '@linkages/referrals-domain';

type ActivityView = Partial<PlanActivity> & Pick<PlanActivity, 'id' | 'agency' | 'personRecordId'>;

export interface PlanView {
  familyId: string;
  activities: ActivityView[];
  conflicts: {
    id: string;
    code: PlanConflictEntity['code'];
    personRecordId: string;
    activityIds: string[];
    reason: string;
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
 * The coordinated plan through the sharing policy: a CWS activity's times, hours and dates are facts (CalWORKs sees
 * the block as busy time), what it is (type, title, place) a detail (consent or MDT only); CalWORKs activities whole.
 */
export function planView(input: {
  familyId: string;
  activities: PlanActivityEntity[];
  conflicts: PlanConflictEntity[];
  circumstances: PersonCircumstancesEntity[];
  wtwCandidates: string[];
  settings: PlanSettings;
  decision: DisclosureDecision;
}): PlanView {
  const { decision } = input;
  return {
    familyId: input.familyId,
    activities: input.activities.map((a) =>
      a.agency === 'cws' ? ((redact(plain(a), cwsPlanActivityClassification, decision) ?? {}) as ActivityView) : plain(a),
    ),
    conflicts: input.conflicts.map((c) => ({
      id: c.id,
      code: c.code,
      personRecordId: c.personRecordId,
      activityIds: c.activityIds,
      reason: c.reason,
      flaggedAt: c.flaggedAt.toISOString(),
      resolvedAt: c.resolvedAt?.toISOString() ?? null,
    })),
    wtwCandidates: input.wtwCandidates,
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
}
