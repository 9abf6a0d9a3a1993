import type { HttpException } from '@nestjs/common';
import { problemException } from '@linkages/platform-http';

/**
 * A record of another county is reported as absent: its existence is itself confidential. Callers use this for
 * every object-level county check, so the answer is the same whether the id exists elsewhere or nowhere.
 */
export function notFound(recordType: string): HttpException {
  return problemException('not-found', `No ${recordType} with this id in your county`);
}

/** Same county, other agency, no authority that lets this caller see the record. */
export function noSharingAuthority(detail: string): HttpException {
  return problemException('no-sharing-authority', detail);
}
