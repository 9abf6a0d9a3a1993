import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { staffIdOf } from '@linkages/platform-access';
import { repoRoot } from '@linkages/platform-config';
import { validateOrganisation, type Person, type Unit } from '@linkages/notifications-domain';
import { countyCode, serviceName } from '@linkages/shared-contracts';

/** The dev IdP signs a demo user's token with `sub = demo:<username>` (infra/local/dev-idp.mjs). */
export const demoSubjectOf = (username: string): string => `demo:${username}`;

/** Where the organisation is configured: NOTIFICATIONS_ORGANISATION_FILE, else infra/local/organisation.json. */
export const defaultOrganisationFile = (env: NodeJS.ProcessEnv = process.env): string =>
  env['NOTIFICATIONS_ORGANISATION_FILE'] || join(repoRoot(), 'infra', 'local', 'organisation.json');

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm');
const agency = z.enum(['cws', 'calworks']);
const ref = z.string().min(1).max(200);

const personEntry = z
  .object({
    username: ref.optional(),
    subject: ref.optional(),
    displayName: z.string().min(1).max(200),
    email: z.email().optional(),
    agency,
    countyCode,
    unitId: z.string().min(1),
    quietHours: z.strictObject({ start: hhmm, end: hhmm }).optional(),
    channels: z.strictObject({ email: z.boolean(), webhook: z.boolean() }).optional(),
  })
  .strict()
  .refine((p) => (p.username === undefined) !== (p.subject === undefined), { message: 'exactly one of username or subject' });

const unitEntry = z.strictObject({
  unitId: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  agency,
  countyCode,
  programs: z.array(serviceName).min(1),
  supervisor: ref,
  manager: ref,
  managerOnDuty: ref,
  afterHoursCover: ref.optional(),
  intakeWorker: ref.optional(),
});

export const organisationFileSchema = z.strictObject({
  $comment: z.string().optional(),
  people: z.array(personEntry).min(1),
  units: z.array(unitEntry).min(1),
});
export type OrganisationFile = z.infer<typeof organisationFileSchema>;

export interface OrganisationConfig {
  people: Person[];
  units: Unit[];
}

/** Turns a parsed file into the domain's people and units; every problem names the file and the field path. */
export function organisationFromFile(file: string, raw: unknown): OrganisationConfig {
  const parsed = organisationFileSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`${file}: invalid organisation\n  ${lines.join('\n  ')}`);
  }
  const problems: string[] = [];
  const idByRef = new Map<string, string>();
  parsed.data.people.forEach((p, i) => {
    const key = (p.username ?? p.subject) as string;
    if (idByRef.has(key)) problems.push(`people.${i}: duplicate person '${key}'`);
    idByRef.set(key, staffIdOf(p.username !== undefined ? demoSubjectOf(p.username) : key));
  });
  const unitIds = new Set(parsed.data.units.map((u) => u.unitId));
  if (unitIds.size !== parsed.data.units.length) problems.push('units: duplicate unitId');
  const people: Person[] = parsed.data.people.map((p, i) => {
    if (!unitIds.has(p.unitId)) problems.push(`people.${i}.unitId: unknown unit '${p.unitId}'`);
    return {
      staffId: idByRef.get((p.username ?? p.subject) as string) as string,
      displayName: p.displayName,
      ...(p.email ? { email: p.email } : {}),
      agency: p.agency,
      countyCode: p.countyCode,
      unitId: p.unitId,
      absences: [],
      ...(p.quietHours ? { quietHours: p.quietHours } : {}),
      channels: p.channels ?? { email: p.email !== undefined, webhook: false },
    };
  });
  const holder = (i: number, field: string, r: string | undefined): string | undefined => {
    if (r === undefined) return undefined;
    const id = idByRef.get(r);
    if (!id) problems.push(`units.${i}.${field}: unknown person '${r}'`);
    return id ?? '';
  };
  const units: Unit[] = parsed.data.units.map((u, i) => {
    const afterHoursCoverId = holder(i, 'afterHoursCover', u.afterHoursCover);
    const intakeWorkerId = holder(i, 'intakeWorker', u.intakeWorker);
    return {
      unitId: u.unitId,
      name: u.name,
      agency: u.agency,
      countyCode: u.countyCode,
      supervisorId: holder(i, 'supervisor', u.supervisor) as string,
      managerId: holder(i, 'manager', u.manager) as string,
      managerOnDutyId: holder(i, 'managerOnDuty', u.managerOnDuty) as string,
      ...(afterHoursCoverId ? { afterHoursCoverId } : {}),
      ...(intakeWorkerId ? { intakeWorkerId } : {}),
      programs: u.programs,
    };
  });
  if (problems.length === 0) problems.push(...validateOrganisation({ people, units, assignments: [] }));
  if (problems.length > 0) throw new Error(`${file}: invalid organisation\n  ${problems.join('\n  ')}`);
  return { people, units };
}

/** Reads, validates and converts the organisation file; throws naming the file and the field path. */
export function loadOrganisationConfig(file: string = defaultOrganisationFile()): OrganisationConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: cannot read the organisation (${(err as Error).message})`);
  }
  return organisationFromFile(file, raw);
}
