import { findEvent, topics } from '@linkages/shared-contracts';
import type { AgencyRef } from './ref-kind';

/** The fields attribution reads; every consumed event carries at least the family id its producer keys it by. */
export interface AttributableEvent {
  type: string;
  data: unknown;
}

const field = (data: unknown, name: string): string | undefined => {
  if (typeof data !== 'object' || data === null) return undefined;
  const value = (data as Record<string, unknown>)[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
};

const cwsPrefix = 'gov.ca.linkages.cws.';
const calworksPrefix = 'gov.ca.linkages.calworks.';

/**
 * The agency ref a consumed event belongs to (plan D2): child welfare's events → its family (`familyId`); CalWORKs
 * WTW/household events → the AU (`auId`, else `familyId`, which those producers set to the AU id); CalWORKs FR aid
 * events → the child welfare family (`familyId`, copied from `child-removed`); CalWORKs match keys → the AU. Events
 * referrals publishes itself, deadlines and notifications are not attributed here (undefined).
 */
export function attributionOf(event: AttributableEvent): AgencyRef | undefined {
  const { type, data } = event;
  if (type.startsWith(cwsPrefix)) {
    const id = field(data, 'familyId');
    return id ? { kind: 'cws-family', id } : undefined;
  }
  if (type.startsWith(calworksPrefix)) {
    const topic = findEvent(type)?.topic.name;
    if (topic === topics.calworksFrAidEvents.name) {
      const id = field(data, 'familyId');
      return id ? { kind: 'cws-family', id } : undefined;
    }
    const id = field(data, 'auId') ?? field(data, 'familyId');
    return id ? { kind: 'au', id } : undefined;
  }
  return undefined;
}
