import { createHash } from 'node:crypto';
import { z } from 'zod';
import { agencies, roleAgency, roles, type Agency, type Role } from './roles';

/** The authenticated caller, as the API sees it after the token is verified. */
export interface Principal {
  /** The token's `sub`: stable, not a name. */
  subject: string;
  roles: Role[];
  agency: Agency;
  /** California county FIPS code the user works for. */
  county: string;
  /** The token's `jti`, for the audit trail. */
  tokenId?: string;
}

/** Claims Linkages needs beyond the standard ones; anything unknown in them makes the token invalid. */
export const linkagesClaims = z
  .object({
    sub: z.string().min(1).max(200),
    agency: z.enum(agencies),
    county: z.string().regex(/^06\d{3}$/, 'must be a California county FIPS code'),
    roles: z.array(z.enum(roles)).min(1),
    jti: z.string().max(200).optional(),
  })
  .superRefine((claims, ctx) => {
    for (const role of claims.roles) {
      if (roleAgency[role] !== claims.agency)
        ctx.addIssue({ code: 'custom', path: ['roles'], message: `role ${role} does not belong to agency ${claims.agency}` });
    }
  });

export function principalFromClaims(claims: unknown): Principal {
  const parsed = linkagesClaims.parse(claims);
  return {
    subject: parsed.sub,
    roles: [...new Set(parsed.roles)],
    agency: parsed.agency,
    county: parsed.county,
    ...(parsed.jti ? { tokenId: parsed.jti } : {}),
  };
}

/** A UUID derived from names (sha256, version-4 layout): the same inputs always give the same id. */
export function stableUuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The pseudonymous staff id that stands for a user in deadline histories (`by` of satisfy, extend, cancel…). */
export const staffIdOf = (subject: string): string => stableUuid('linkages-staff', subject);
