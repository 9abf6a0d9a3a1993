import { refusal, type Refusal } from './refusal';

/** An allegation names a type and the child it concerns; a referral stores each as `<type>:<childId>`. */
export interface Allegation {
  type: string;
  childId: string;
}

export const encodeAllegation = (a: Allegation): string => `${a.type}:${a.childId}`;
export const decodeAllegation = (stored: string): Allegation => ({
  type: stored.split(':')[0] as string,
  childId: stored.split(':')[1] as string,
});
export const allegationTypesOf = (stored: readonly string[]): string[] => stored.map((a) => a.split(':')[0] as string);

/** A referral concerns the family's own children only. */
export function allegationsRefusal(allegations: readonly Allegation[], childIds: ReadonlySet<string>): Refusal | undefined {
  if (allegations.some((a) => !childIds.has(a.childId))) return refusal('Every allegation must name a child of this family');
  return undefined;
}
