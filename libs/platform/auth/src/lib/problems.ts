import { ForbiddenException, NotFoundException } from '@nestjs/common';

export const problemTypeBase = 'https://linkages.example.org/problems/';
export const problemType = (slug: string) => `${problemTypeBase}${slug}`;

/**
 * A record of another county is reported as absent: its existence is itself confidential. Callers use this for
 * every object-level county check, so the answer is the same whether the id exists elsewhere or nowhere.
 */
export function notFound(recordType: string): NotFoundException {
  return new NotFoundException({ type: problemType('not-found'), title: 'Not Found', message: `No ${recordType} with this id in your county` });
}

/** Same county, other agency, no authority that lets this caller see the record. */
export function noSharingAuthority(detail: string): ForbiddenException {
  return new ForbiddenException({ type: problemType('no-sharing-authority'), title: 'Forbidden', message: detail });
}
