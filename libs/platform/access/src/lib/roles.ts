// Who may do what. One table, read by the guard, the access-matrix test and the README's permission table.

export const agencies = ['cws', 'calworks', 'platform'] as const;
export type Agency = (typeof agencies)[number];

export const roles = [
  'cws.worker',
  'cws.supervisor',
  'calworks.worker',
  'calworks.supervisor',
  'linkages.liaison',
  'ops',
  'admin',
] as const;
export type Role = (typeof roles)[number];

/** The agency a role belongs to: a token whose `agency` claim disagrees with one of its roles is refused. */
export const roleAgency: Record<Role, Agency> = {
  'cws.worker': 'cws',
  'cws.supervisor': 'cws',
  'calworks.worker': 'calworks',
  'calworks.supervisor': 'calworks',
  // The Linkages liaison is CalWORKs staff (LA: the Linkages GAIN Social Worker; Santa Clara: the EW liaison).
  'linkages.liaison': 'calworks',
  ops: 'platform',
  admin: 'platform',
};

export const permissions = {
  'referral.create': 'Refer a CWS family to Linkages (creates the family record with its members)',
  'referral.read': 'Read a Linkages referral; CalWORKs roles see only what the sharing policy allows',
  'person.match': 'Look up referrals by SSN or date of birth through the blind index',
  'authority.read': 'List the sharing authorities (consents, MDT memberships) on a referral',
  'authority.consent.record': 'Record a signed authorization for release of information (WIC 18986.46)',
  'authority.mdt.record': 'Record multidisciplinary-team membership for a family (WIC 18961.7)',
  'authority.revoke': 'Revoke a consent or end an MDT membership',
  'cws.record.read': 'Read child-welfare families, referrals, cases and their deadlines (child welfare only)',
  'cws.record.write': 'Record hotline referrals, screening, contacts, assessments, removals, hearings, case plans, meetings and visits',
  'cws.referral.downgrade': 'Approve downgrading a referral from immediate to 10-day response before contact',
  'cws.case.summary.read': 'Read a child-welfare case summary through the sharing policy (CalWORKs: the WIC 10850 minimum)',
  'calworks.record.read':
    'Read CalWORKs Assistance Units and members, WTW participants, noncompliance episodes, sanctions, FR aid windows and their deadlines (CalWORKs only)',
  'calworks.record.write':
    'Record Assistance Units, members, aid and grant changes, WTW plans, exemptions and services, noncompliance steps, cures and FR facts',
  'calworks.sanction.review':
    'Review a sanction request: impose the sanction or find good cause instead (a supervisor, within 1 working day)',
  'linkages.family.read':
    'Read a shared Linkages family: its links, strategy, coordination tasks, coordinated plan and timeline, through the sharing policy',
  'linkages.match.review':
    'Decide the matching review queue (link or reject a suspected match or duplicate) and unlink a person or family (audited, reversible)',
  'linkages.prevention.refer': 'Refer a CalWORKs applicant family to Linkages Prevention (typed in, then matched and deduplicated)',
  'linkages.enrollment.write': 'Assign the Linkages liaison and record special-population facts of a shared family’s enrollment',
  'linkages.coordination.write': 'Record the outcome of a coordination task and joint case-planning meetings of a shared family',
  'linkages.plan.write':
    'Add activities and circumstances to a shared family’s coordinated case plan and confirm or reject a WTW-countable activity',
  'payloads.decode': 'Decrypt Temporal payloads through the codec server (audited)',
  'audit.read': 'Read the audit log',
  'notifications.inbox': 'Read, mark read and archive one’s own notifications, live through server-sent events, and set one’s preferences',
  'escalation.read': 'Read the escalations one was notified of, or of one’s unit as its supervisor or manager',
  'escalation.acknowledge': 'Acknowledge an escalation one was notified of (audited)',
  'organisation.read': 'Read the organisation: people, units, supervisors, managers and coverage in one’s county and agency',
  'organisation.write': 'Edit people, units, coverage and absences of one’s county and agency (audited)',
  'assignment.write': 'Assign a deadline’s subject or a family to a worker, or re-assign it with a reason (audited)',
  'webhook.manage': 'Register, rotate the secrets of, re-enable and remove an agency’s signed webhook endpoints (audited)',
  'dead-letter.read': 'List and show the dead letters of a service’s consumers: topic, reason, headers (payloads stay encrypted)',
  'dead-letter.replay': 'Replay dead letters to their original topic, one or in bulk (audited, rate-limited; the inbox applies each once)',
  'operations.read': 'Read a service’s operational state: dependency health and counts of its workflows by status',
} as const;
export type Permission = keyof typeof permissions;

/**
 * Least privilege: operators and admins run the platform but read no family's record (decoding Temporal payloads
 * is the one exception, audited). County scope is checked on every record on top of these permissions.
 */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  'cws.worker': [
    'referral.create',
    'referral.read',
    'person.match',
    'authority.read',
    'authority.consent.record',
    'cws.record.read',
    'cws.record.write',
    'cws.case.summary.read',
    'linkages.family.read',
    'linkages.coordination.write',
    'linkages.plan.write',
    'notifications.inbox',
    'escalation.read',
    'escalation.acknowledge',
    'organisation.read',
    'assignment.write',
  ],
  'cws.supervisor': [
    'referral.create',
    'referral.read',
    'person.match',
    'authority.read',
    'authority.consent.record',
    'authority.mdt.record',
    'authority.revoke',
    'cws.record.read',
    'cws.record.write',
    'cws.referral.downgrade',
    'cws.case.summary.read',
    'linkages.family.read',
    'linkages.match.review',
    'linkages.enrollment.write',
    'linkages.coordination.write',
    'linkages.plan.write',
    'notifications.inbox',
    'escalation.read',
    'escalation.acknowledge',
    'organisation.read',
    'assignment.write',
    'organisation.write',
  ],
  'calworks.worker': [
    'referral.read',
    'person.match',
    'cws.case.summary.read',
    'calworks.record.read',
    'calworks.record.write',
    'linkages.family.read',
    'linkages.prevention.refer',
    'linkages.coordination.write',
    'linkages.plan.write',
    'notifications.inbox',
    'escalation.read',
    'escalation.acknowledge',
    'organisation.read',
    'assignment.write',
  ],
  'calworks.supervisor': [
    'referral.read',
    'person.match',
    'authority.read',
    'authority.revoke',
    'cws.case.summary.read',
    'calworks.record.read',
    'calworks.record.write',
    'calworks.sanction.review',
    'linkages.family.read',
    'linkages.match.review',
    'linkages.prevention.refer',
    'linkages.enrollment.write',
    'linkages.coordination.write',
    'linkages.plan.write',
    'notifications.inbox',
    'escalation.read',
    'escalation.acknowledge',
    'organisation.read',
    'assignment.write',
    'organisation.write',
  ],
  'linkages.liaison': [
    'referral.read',
    'person.match',
    'authority.read',
    'authority.consent.record',
    'cws.case.summary.read',
    'calworks.record.read',
    'linkages.family.read',
    'linkages.match.review',
    'linkages.prevention.refer',
    'linkages.enrollment.write',
    'linkages.coordination.write',
    'linkages.plan.write',
    'notifications.inbox',
    'escalation.read',
    'escalation.acknowledge',
    'organisation.read',
    'assignment.write',
  ],
  ops: ['payloads.decode', 'dead-letter.read', 'dead-letter.replay', 'operations.read'],
  admin: ['audit.read', 'organisation.read', 'organisation.write', 'webhook.manage'],
};

export function hasPermission(userRoles: readonly Role[], permission: Permission): boolean {
  return userRoles.some((role) => rolePermissions[role].includes(permission));
}

/** The role × permission table as Markdown (README, closing notes). */
export function renderPermissionTable(): string {
  const header = `| permission | ${roles.map((r) => `\`${r}\``).join(' | ')} |`;
  const rule = `|---|${roles.map(() => ':-:').join('|')}|`;
  const rows = (Object.keys(permissions) as Permission[]).map(
    (p) => `| \`${p}\` — ${permissions[p]} | ${roles.map((r) => (rolePermissions[r].includes(p) ? '✔' : '')).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}
