import { classifiedPaths, eventDisclosure, matchKeyDisclosure } from '@linkages/platform-access';
import { eventCatalog, topics, type EventDefinition } from '@linkages/shared-contracts';
import { cwsEventClassification } from './cws-event.classification';

/** The event view shareEvent applies (eventDisclosureFor): match keys pass on the identity topic only. */
const viewOf = (def: EventDefinition) => (def.topic.name === topics.identityMatchKeys.name ? matchKeyDisclosure : eventDisclosure);

describe('child-welfare events and the sharing policy', () => {
  // The CWS domain's events (deadline events are the deadline engine's: ids, rule, citation, due instant).
  const cwsEvents = eventCatalog.filter((e) => e.domain === 'cws');

  it.each(cwsEvents.map((e) => [e.type, e] as const))(
    '%s: every field is classified, and every class may leave child welfare (match keys only on the identity topic)',
    (type, def) => {
      const spec = cwsEventClassification[type];
      expect(spec).toBeDefined();
      const classes = classifiedPaths(spec!);
      expect(Object.keys(classes).sort()).toEqual(Object.keys(def.payload.shape).sort());
      for (const [field, cls] of Object.entries(classes))
        expect({ field, allowed: viewOf(def).classes.includes(cls) }).toEqual({ field, allowed: true });
    },
  );
});
