import { countyCalendarSpec, type CalendarSpec, type EscalationPolicy } from '@linkages/platform-deadlines';
import type { ResolvedRecipient, ResolveRecipientsRequest, ResolveRecipientsResult } from '../escalation/escalation-activities.contract';
import { ESCALATION_ZONE, isWithinBusinessHours } from '../escalation/escalation-window';
import { inQuietHours } from '../delivery/delivery-policy';
import { agencyOfOwnerService, type Assignment, type OrganisationSnapshot, type Person, type Unit } from './organisation.types';

/** What "business hours" means for after-hours coverage: the county calendar's open days, between these local times. */
export interface BusinessHoursSpec {
  businessHours: EscalationPolicy['businessHours'];
  calendar: CalendarSpec;
}

/** The county calendar, 08:00–17:00 local time: used when the caller has no frozen policy to hand. */
export const defaultBusinessHours = (countyCode: string): BusinessHoursSpec => ({
  businessHours: { start: '08:00', end: '17:00' },
  calendar: countyCalendarSpec(countyCode),
});

export const absenceAt = (person: Person, at: string) => {
  const ms = Date.parse(at);
  return person.absences.find((a) => Date.parse(a.from) <= ms && ms < Date.parse(a.to));
};

const findAssignment = (snap: OrganisationSnapshot, req: ResolveRecipientsRequest): Assignment | undefined => {
  const { subject } = req;
  const agency = agencyOfOwnerService(subject.ownerService);
  const inScope = snap.assignments.filter(
    (a) => a.countyCode === subject.countyCode && snap.people.some((p) => p.staffId === a.staffId && p.agency === agency),
  );
  const bySubject = inScope
    .filter((a) => a.subjectRef && (subject.subjectRef === a.subjectRef || subject.subjectRef.startsWith(`${a.subjectRef}/`)))
    .sort((x, y) => (y.subjectRef?.length ?? 0) - (x.subjectRef?.length ?? 0) || y.at.localeCompare(x.at));
  if (bySubject[0]) return bySubject[0];
  return inScope.filter((a) => !a.subjectRef && a.familyId === subject.familyId).sort((x, y) => y.at.localeCompare(x.at))[0];
};

/** The cover of an absent person: their absence's cover, else the unit's supervisor, then manager; same agency only. */
const coverOf = (snap: OrganisationSnapshot, person: Person, at: string, seen: Set<string>): Person | undefined => {
  const unit = snap.units.find((u) => u.unitId === person.unitId);
  const candidates = [absenceAt(person, at)?.coverId, unit?.supervisorId, unit?.managerId];
  for (const id of candidates) {
    if (!id || seen.has(id)) continue;
    const cover = snap.people.find((p) => p.staffId === id);
    if (cover && cover.agency === person.agency && cover.countyCode === person.countyCode) return cover;
  }
  return undefined;
};

/** Follows absences to a present cover (cycle guard); undefined when everyone in the chain is absent. */
const presentHolder = (
  snap: OrganisationSnapshot,
  start: Person,
  at: string,
): { person: Person; skipped?: Person; reason?: string } | undefined => {
  const seen = new Set<string>([start.staffId]);
  let current = start;
  const firstAbsence = absenceAt(start, at);
  if (!firstAbsence) return { person: start };
  const reason = `absent ${firstAbsence.reasonCode} until ${firstAbsence.to}`;
  while (absenceAt(current, at)) {
    const next = coverOf(snap, current, at, seen);
    if (!next) return undefined;
    seen.add(next.staffId);
    current = next;
  }
  return { person: current, skipped: start, reason };
};

/** The first cover along the coverage chain who is present and outside their own quiet hours (cycle guard). */
const awakeCover = (snap: OrganisationSnapshot, from: Person, at: string): Person | undefined => {
  const seen = new Set<string>([from.staffId]);
  let current = from;
  for (;;) {
    const next = coverOf(snap, current, at, seen);
    if (!next) return undefined;
    seen.add(next.staffId);
    if (!absenceAt(next, at) && !inQuietHours(next, at, ESCALATION_ZONE)) return next;
    current = next;
  }
};

/**
 * Who holds a ladder role at the instant a level fires. Absent people are skipped to their coverage (the absence's
 * cover, else the unit's supervisor, then its manager; same agency and county only). A legally urgent level during the
 * holder's quiet hours goes to a present cover outside theirs at once, and outside business hours (the county
 * calendar, `hours`) the unit's after-hours cover is added.
 */
export const resolveRole = (
  snap: OrganisationSnapshot,
  req: ResolveRecipientsRequest,
  hours?: BusinessHoursSpec,
): ResolveRecipientsResult => {
  const { subject, role, at, legallyUrgent } = req;
  const agency = agencyOfOwnerService(subject.ownerService);
  const person = (id?: string) => (id ? snap.people.find((p) => p.staffId === id) : undefined);
  const assignment = findAssignment(snap, req);
  const assignee = person(assignment?.staffId);
  const unit: Unit | undefined = assignee
    ? snap.units.find((u) => u.unitId === assignee.unitId)
    : snap.units.find((u) => u.countyCode === subject.countyCode && u.agency === agency && u.programs.includes(subject.ownerService));
  if (!unit && !assignee) return { recipients: [], note: `no ${agency} unit serves ${subject.ownerService} in ${subject.countyCode}` };

  let holder: Person | undefined;
  let via: ResolvedRecipient['via'] = 'direct';
  let note: string | undefined;
  if (role === 'assigned-worker') {
    holder = assignee;
    if (!holder) {
      holder = person(unit?.intakeWorkerId);
      via = 'unassigned-fallback';
      note = `no assignment for ${subject.subjectRef}: the unit's intake worker`;
    }
  } else if (role === 'supervisor') holder = person(unit?.supervisorId);
  else if (role === 'manager') holder = person(unit?.managerId);
  else if (role === 'manager-on-duty') holder = person(unit?.managerOnDutyId);
  else return { recipients: [], note: `unknown role ${role}` };

  if (!holder) return { recipients: [], note: note ?? `nobody holds ${role} in unit ${unit?.unitId ?? 'none'}` };

  const recipients: ResolvedRecipient[] = [];
  const present = presentHolder(snap, holder, at);
  if (!present) return { recipients: [], note: `${role} and every cover absent` };
  const quiet = legallyUrgent && inQuietHours(present.person, at, ESCALATION_ZONE);
  // A legally urgent level is never held for quiet hours: it goes at once to a cover who is present and not in theirs.
  const awake = quiet ? awakeCover(snap, present.person, at) : undefined;
  if (awake) {
    recipients.push({
      staffId: awake.staffId,
      role,
      via: 'quiet-hours-coverage',
      reason: `quiet hours ${present.person.quietHours?.start}–${present.person.quietHours?.end}, legally urgent`,
      skipped: present.person.staffId,
    });
  } else if (present.skipped) {
    recipients.push({
      staffId: present.person.staffId,
      role,
      via: 'coverage',
      reason: present.reason,
      skipped: present.skipped.staffId,
    });
  } else recipients.push({ staffId: present.person.staffId, role, via });
  // Nobody awake to cover: the holder is notified anyway (delivery ignores quiet hours for a legally urgent level).
  if (quiet && !awake) note = [note, `${role} in quiet hours and no cover available: notified anyway`].filter(Boolean).join('; ');

  if (legallyUrgent && unit?.afterHoursCoverId) {
    const spec = hours ?? defaultBusinessHours(subject.countyCode);
    const cover = person(unit.afterHoursCoverId);
    if (cover && !recipients.some((r) => r.staffId === cover.staffId) && !isWithinBusinessHours(at, spec.businessHours, spec.calendar)) {
      recipients.push({ staffId: cover.staffId, role, via: 'after-hours-coverage', reason: 'outside business hours, legally urgent' });
    }
  }
  return note ? { recipients, note } : { recipients };
};
