import type { HttpException } from '@nestjs/common';
import { refusedWrite } from '@linkages/platform-http';

/**
 * A request the episode's process refuses (its update validator said why: a cure with no sanction, a compliance plan
 * after the sanction, a ground that does not exist, a future date): 409 impossible-sequence, nothing changed; audited.
 */
export const sanctionImpossible = (message: string): HttpException => refusedWrite('impossible-sequence', message);
