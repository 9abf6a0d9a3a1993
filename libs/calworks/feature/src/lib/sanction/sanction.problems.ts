import type { HttpException } from '@nestjs/common';
import { problemException } from '@linkages/platform-http';

/** The business refusals raised here: the refusal audit (sanction-refusal.audit.ts) records each one once. */
const businessRefusals = new WeakMap<object, { reason: string; refusal: string }>();

export const sanctionRefusalOf = (error: unknown): { reason: string; refusal: string } | undefined =>
  typeof error === 'object' && error !== null ? businessRefusals.get(error) : undefined;

/**
 * A request the episode's process refuses (its update validator said why: a cure with no sanction, a compliance plan
 * after the sanction, a ground that does not exist, a future date): 409 impossible-sequence, nothing changed; audited.
 */
export function sanctionImpossible(message: string): HttpException {
  const error = problemException('impossible-sequence', message);
  businessRefusals.set(error, { reason: message, refusal: 'impossible-sequence' });
  return error;
}
