import { DateTime } from 'luxon';
import type { ResolvedRecipient, ResolveRecipientsRequest, ResolveRecipientsResult } from '../escalation/escalation-activities.contract';
import { inQuietHours } from '../delivery/delivery-policy';
import { agencyOfOwnerService, type Assignment, type OrganisationSnapshot, type Person, type Unit } from './organisation.types';

const ZONE = 'America/Los_Angeles';

/** Weekdays 08:00–17:00 county local time (simple; holidays not counted). */
export const isBusinessHours = (at: string): boolean => {
  const t = DateTime.fromISO(at, { zone: ZONE });
  return t.weekday <= 5 && t.hour >= 8 && t.hour < 17;
};

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

export const resolveRole = (snap: OrganisationSnapshot, req: ResolveRecipientsRequest): ResolveRecipientsResult => {
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
  if (present.skipped) {
    recipients.push({
      staffId: present.person.staffId,
      role,
      via: 'coverage',
      reason: present.reason,
      skipped: present.skipped.staffId,
    });
  } else if (legallyUrgent && inQuietHours(present.person, at, ZONE)) {
    const cover = coverOf(snap, present.person, at, new Set([present.person.staffId]));
    const coverPresent = cover ? presentHolder(snap, cover, at) : undefined;
    if (coverPresent) {
      recipients.push({
        staffId: coverPresent.person.staffId,
        role,
        via: 'quiet-hours-coverage',
        reason: `quiet hours ${present.person.quietHours?.start}–${present.person.quietHours?.end}, legally urgent`,
        skipped: present.person.staffId,
      });
    } else recipients.push({ staffId: present.person.staffId, role, via });
  } else recipients.push({ staffId: present.person.staffId, role, via });

  if (legallyUrgent && !isBusinessHours(at) && unit?.afterHoursCoverId) {
    const cover = person(unit.afterHoursCoverId);
    if (cover && !recipients.some((r) => r.staffId === cover.staffId)) {
      recipients.push({ staffId: cover.staffId, role, via: 'after-hours-coverage', reason: 'outside business hours, legally urgent' });
    }
  }
  return note ? { recipients, note } : { recipients };
};
