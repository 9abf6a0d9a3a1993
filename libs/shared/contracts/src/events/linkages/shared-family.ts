import { z } from 'zod';

// Vocabulary shared by the linkages.* events about the shared family (issue 13, Deliver 1).

export const linkedAgency = z
  .enum(['cws', 'calworks', 'linkages'])
  .describe('Whose family the reference is: child welfare, CalWORKs or Linkages itself');
export const refKind = z
  .enum(['cws-family', 'au', 'linkages-referral'])
  .describe('What the reference is: a CWS family, a CalWORKs Assistance Unit, or a referral typed into Linkages');
export const linkDecidedBy = z
  .enum(['auto', 'liaison', 'case-number'])
  .describe(
    'auto: a confident match; liaison: decided from the review queue; case-number: the CalWORKs case number child welfare recorded',
  );

/** The Linkages strategies, as the program defines them (issue 13, Deliver 3). */
export const linkagesStrategies = [
  'prevention-information',
  'prevention-early-intervention',
  'intervention-er',
  'intervention-fm',
  'intervention-fr',
  'special-populations',
  'benefit-access',
] as const;
export type LinkagesStrategy = (typeof linkagesStrategies)[number];
export type RefKindCode = z.output<typeof refKind>;
