import { classifiedPaths, eventDisclosure } from '@linkages/platform-access';
import { eventCatalog } from '@linkages/shared-contracts';
import { calworksEventClassification } from './calworks-event.classification';

describe('CalWORKs events and the sharing policy', () => {
  // The CalWORKs domain's events (deadline events are the deadline engine's: ids, rule, citation, due instant).
  const calworksEvents = eventCatalog.filter((e) => e.domain === 'calworks');

  it.each(calworksEvents.map((e) => [e.type, e] as const))(
    '%s: every field is classified, and every class may leave CalWORKs',
    (type, def) => {
      const spec = calworksEventClassification[type];
      expect(spec).toBeDefined();
      const classes = classifiedPaths(spec!);
      expect(Object.keys(classes).sort()).toEqual(Object.keys(def.payload.shape).sort());
      for (const [field, cls] of Object.entries(classes))
        expect({ field, allowed: eventDisclosure.classes.includes(cls) }).toEqual({ field, allowed: true });
    },
  );
});
