// Confidentiality by law, in one place (RULES.md section 5). A child-welfare record's fields are classified; the
// sharing policy decides which classes a reader may see; `redact` applies the decision. HTTP responses and events
// go through the same two functions, so no code path can disclose more than the policy allows.
import type { Agency } from './roles';

/**
 * - key: ids, county, status, timestamps: needed to refer to the record at all.
 * - fact: the minimum-necessary facts CalWORKs needs to administer aid (WIC 10850): "a child was removed on date D".
 * - identity: names, date of birth, masked SSN of the family's members (CalWORKs needs them to match its AU).
 * - detail: case details: allegations, safety concerns, recommended services (WIC 827; MDT or consent only).
 * - reporter: the reporter's identity (PC 11167(d)): never leaves child welfare.
 * - match-key: privacy-preserving match keys (keyed tokens and Bloom filters derived from names, dates of birth and
 *   SSNs; issue 13). Shown to nobody: passed only by `matchKeyDisclosure`, on the identity topic to the matching service.
 */
export const fieldClasses = ['key', 'fact', 'identity', 'detail', 'reporter', 'match-key'] as const;
export type FieldClass = (typeof fieldClasses)[number];

/** A record's classification: a class per field, nested objects, or `[spec]` for arrays of objects. */
export type FieldSpec = FieldClass | { readonly [field: string]: FieldSpec } | readonly [FieldSpec];

export type AuthorityKind = 'consent' | 'mdt';

/** A recorded authority to share a family's child-welfare information with CalWORKs. */
export interface SharingAuthority {
  id: string;
  kind: AuthorityKind;
  county: string;
  effectiveFrom: Date;
  /** Consent: the date the signed authorization expires; MDT: the end of the information-sharing window. */
  expiresAt: Date;
  revokedAt?: Date | null;
  /** What the authority covers beyond the minimum-necessary facts. */
  categories: readonly ('identity' | 'detail')[];
  /** MDT: the team members (token subjects) the membership applies to; consent: absent (covers the CalWORKs agency). */
  memberSubjects?: readonly string[] | null;
}

export interface Viewer {
  subject: string;
  agency: Agency;
  county: string;
}

export type DisclosureBasis = 'own-agency' | 'wic-10850' | 'consent' | 'mdt' | 'linkages-matching';

export interface DisclosureDecision {
  allowed: boolean;
  /** When not allowed: 'other-county' is answered 404 (existence is confidential), 'no-authority' 403. */
  refusal?: 'other-county' | 'no-authority';
  classes: FieldClass[];
  basis?: DisclosureBasis;
  /** The authorities that widened the view (for the audit record). */
  authorityIds: string[];
  citation?: string;
}

export const disclosureCitations: Record<DisclosureBasis, string> = {
  'own-agency': 'WIC 827(a)(1)(B): child protective agency staff',
  'wic-10850': 'WIC 10850: minimum necessary for administering public social services (eligibility)',
  consent: 'WIC 18986.46: single written authorization for release of information',
  mdt: 'WIC 18961.7, 830: child-abuse multidisciplinary team member',
  'linkages-matching':
    'WIC 10850: administration of public social services; keyed match tokens only, to the Linkages matching service (no plaintext identifier)',
};

/** Classes a person may ever be shown: everything but match keys (a view of the record never carries its tokens). */
const viewableClasses = fieldClasses.filter((c) => c !== 'match-key');

export function isActive(authority: SharingAuthority, now: Date): boolean {
  return !authority.revokedAt && authority.effectiveFrom.getTime() <= now.getTime() && now.getTime() < authority.expiresAt.getTime();
}

/** What a reader may see of a child-welfare record of `recordCounty`, given the family's recorded authorities. */
export function decideCwsDisclosure(
  viewer: Viewer,
  record: { county: string },
  authorities: readonly SharingAuthority[],
  now: Date,
): DisclosureDecision {
  if (viewer.county !== record.county) return { allowed: false, refusal: 'other-county', classes: [], authorityIds: [] };
  if (viewer.agency === 'cws')
    return {
      allowed: true,
      classes: [...viewableClasses],
      basis: 'own-agency',
      authorityIds: [],
      citation: disclosureCitations['own-agency'],
    };
  if (viewer.agency !== 'calworks') return { allowed: false, refusal: 'no-authority', classes: [], authorityIds: [] };

  const classes = new Set<FieldClass>(['key', 'fact', 'identity']);
  let basis: DisclosureBasis = 'wic-10850';
  const used: string[] = [];
  for (const authority of authorities) {
    if (authority.county !== record.county || !isActive(authority, now)) continue;
    if (authority.kind === 'mdt' && !(authority.memberSubjects ?? []).includes(viewer.subject)) continue;
    const widens = authority.categories.some((c) => !classes.has(c));
    for (const c of authority.categories) classes.add(c);
    if (widens || authority.categories.includes('detail')) {
      used.push(authority.id);
      basis = authority.kind;
    }
  }
  // The reporter's identity never leaves child welfare, whatever was signed (PC 11167(d)); match keys are nobody's view.
  classes.delete('reporter');
  classes.delete('match-key');
  return {
    allowed: true,
    classes: fieldClasses.filter((c) => classes.has(c)),
    basis,
    authorityIds: used,
    citation: disclosureCitations[basis],
  };
}

/** Events leave child welfare for every subscriber: ids and minimum-necessary facts only, never identity. */
export const eventDisclosure: DisclosureDecision = {
  allowed: true,
  classes: ['key', 'fact'],
  basis: 'wic-10850',
  authorityIds: [],
  citation: disclosureCitations['wic-10850'],
};

/**
 * The one view that passes match keys: a person's match-keys event on the identity topic, read only by the matching
 * service (referrals). `shareEvent` uses it for that topic only and refuses a `match-key` field on any other.
 */
export const matchKeyDisclosure: DisclosureDecision = {
  allowed: true,
  classes: ['key', 'fact', 'match-key'],
  basis: 'linkages-matching',
  authorityIds: [],
  citation: disclosureCitations['linkages-matching'],
};

/** Keeps the fields whose class is allowed; fields the spec does not classify are dropped (deny by default). */
export function redact<T>(value: T, spec: FieldSpec, decision: Pick<DisclosureDecision, 'classes'>): Partial<T> | undefined {
  return redactValue(value, spec, new Set(decision.classes)) as Partial<T> | undefined;
}

function redactValue(value: unknown, spec: FieldSpec, allowed: ReadonlySet<FieldClass>): unknown {
  if (value === undefined) return undefined;
  if (typeof spec === 'string') return allowed.has(spec) ? value : undefined;
  if (Array.isArray(spec)) {
    if (!Array.isArray(value)) return undefined;
    const itemSpec = (spec as readonly [FieldSpec])[0];
    return value.map((item) => redactValue(item, itemSpec, allowed)).filter((item) => item !== undefined);
  }
  if (value === null) return null;
  if (typeof value !== 'object') return undefined;
  const out: Record<string, unknown> = {};
  for (const [field, fieldSpec] of Object.entries(spec as Record<string, FieldSpec>)) {
    const kept = redactValue((value as Record<string, unknown>)[field], fieldSpec, allowed);
    if (kept !== undefined) out[field] = kept;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The classes a spec uses (to check a classification against a record's schema in tests). */
export function classifiedPaths(spec: FieldSpec, prefix = ''): Record<string, FieldClass> {
  if (typeof spec === 'string') return { [prefix]: spec };
  if (Array.isArray(spec)) return classifiedPaths((spec as readonly [FieldSpec])[0], `${prefix}[]`);
  return Object.assign(
    {},
    ...Object.entries(spec as Record<string, FieldSpec>).map(([k, s]) => classifiedPaths(s, prefix ? `${prefix}.${k}` : k)),
  ) as Record<string, FieldClass>;
}
