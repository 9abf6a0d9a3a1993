import { eventDisclosure, redact } from '@linkages/platform-access';
import { duplicateSuspectedEvent, familyLinkedEvent, familyUnlinkedEvent, removalMembersProposedEvent } from '@linkages/shared-contracts';
import { identityEventClassification } from './identity-event.classification';

describe('identityEventClassification', () => {
  it.each([familyLinkedEvent, familyUnlinkedEvent, duplicateSuspectedEvent, removalMembersProposedEvent])(
    '$name: the realistic example passes the event view whole (every field is a key or a fact)',
    (def) => {
      const spec = identityEventClassification[def.type];
      expect(spec).toBeDefined();
      expect(redact(def.example, spec!, eventDisclosure)).toEqual(def.example);
    },
  );

  it('a field nobody classified (a match key smuggled in) never leaves', () => {
    const payload = { ...familyLinkedEvent.example, keys: { ssn: 'f'.repeat(64) } };
    expect(redact(payload, identityEventClassification[familyLinkedEvent.type]!, eventDisclosure)).not.toHaveProperty('keys');
  });
});
