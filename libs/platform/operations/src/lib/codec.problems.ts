import { z } from 'zod';
import { defineProblem } from '@linkages/platform-http';

/**
 * An encrypted Temporal payload the codec server cannot decode: its key is not configured here (rotated out, another
 * environment's), it is not authentic (altered, truncated), or it decrypts to no payload. Answered without key
 * material, ciphertext or stack; the failed decode is audited like a successful one.
 */
export const payloadUndecodable = defineProblem({
  slug: 'payload-undecodable',
  status: 422,
  title: 'Payload cannot be decoded',
  description:
    'An encrypted payload cannot be decoded: its key is not configured, it is not authentic, or it is no Temporal payload; nothing is returned (audited).',
  extensions: {
    payloadIndex: z.number().int().min(0).describe('The first payload that cannot be decoded (its index in `payloads`)'),
    failure: z.enum(['unknown-key', 'not-authentic', 'malformed']).describe('Why it cannot be decoded'),
  },
});
