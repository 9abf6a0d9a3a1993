import type { EntityManager } from 'typeorm';
import { on, type EventHandlersProvider, type HandlerRegistration } from '@linkages/platform-messaging';
import { memberMatchKeysEvent, personMatchKeysEvent } from '@linkages/shared-contracts';
import { FamilyResolver, IdentityRepository, type PersonRecordInput } from '@linkages/referrals-data-access';
import type { IdentityChange } from './family-linker';
import { MatchPipeline } from './match-pipeline';

export const IDENTITY_EVENT_HANDLERS = Symbol('IDENTITY_EVENT_HANDLERS');
/** Optional: a provider of an IdentityChangeListener (the coordination slice signals its workflows through it). */
export const IDENTITY_CHANGE_LISTENER = Symbol('IDENTITY_CHANGE_LISTENER');

/** Told of every merge and split after the rows are written (H3's coordination workflows follow the family). */
export type IdentityChangeListener = (changes: readonly IdentityChange[], eventId: string) => Promise<void>;

/**
 * The agencies' match keys (issue 13, Deliver 1): each person record is upserted with its tokens, and the pipeline
 * runs on it, in the inbox transaction. The agency family is resolved to its shared family first (every referrals
 * handler does), so a family known to one agency only still has its Linkages id. A withdrawn person keeps no tokens
 * and matches nothing more; links already made stay (a liaison unlinks). Keys are never logged.
 */
export function identityEventHandlers(
  identity: IdentityRepository,
  families: FamilyResolver,
  pipeline: MatchPipeline,
  onChange?: IdentityChangeListener,
): HandlerRegistration[] {
  const process = async (tx: EntityManager, county: string, eventId: string, correlationId: string, input: PersonRecordInput) => {
    await pipeline.serializeCounty(tx, county);
    await families.resolve(tx, county, { kind: input.familyRefKind, id: input.familyRefId });
    if (input.familyRefKind === 'au' && input.caseNumber) {
      await families.recordCaseNumber(tx, { kind: 'au', id: input.familyRefId }, input.caseNumber);
    }
    const record = await identity.upsertPerson(tx, input);
    const result = await pipeline.run(tx, record, correlationId);
    if (onChange && result.changes.length > 0) await onChange(result.changes, eventId);
  };

  return [
    on(personMatchKeysEvent, async (event, tx) => {
      const p = event.data;
      const keys = p.keys ?? (await identity.byRefId(tx, p.personId))?.keys;
      if (!keys) return; // withdrawn before referrals held the person: nothing to forget
      await process(tx, event.countycode, event.id, event.correlationid, {
        countyCode: event.countycode,
        agency: 'cws',
        refKind: 'cws-person',
        refId: p.personId,
        familyRefKind: 'cws-family',
        familyRefId: p.familyId,
        role: p.role,
        ageBand: p.ageBand,
        aided: null,
        caseNumber: null,
        keys,
        withdrawnAt: p.withdrawn ? new Date(p.recordedAt) : null,
        sourceEventId: event.id,
      });
    }),
    on(memberMatchKeysEvent, async (event, tx) => {
      const m = event.data;
      const keys = m.keys ?? (await identity.byRefId(tx, m.memberId))?.keys;
      if (!keys) return; // withdrawn before referrals held the member: nothing to forget
      await process(tx, event.countycode, event.id, event.correlationid, {
        countyCode: event.countycode,
        agency: 'calworks',
        refKind: 'au-member',
        refId: m.memberId,
        familyRefKind: 'au',
        familyRefId: m.auId,
        role: m.role,
        ageBand: m.ageBand,
        aided: m.aided,
        caseNumber: m.caseNumber,
        keys,
        withdrawnAt: m.withdrawn ? new Date(m.recordedAt) : null,
        sourceEventId: event.id,
      });
    }),
  ];
}

/** The worker's provider of the identity handlers (the lead adds it to the referrals worker beside the others). */
export const identityEventHandlersProvider: EventHandlersProvider = {
  provide: IDENTITY_EVENT_HANDLERS,
  inject: [IdentityRepository, FamilyResolver, MatchPipeline, { token: IDENTITY_CHANGE_LISTENER, optional: true }],
  useFactory: (identity: IdentityRepository, families: FamilyResolver, pipeline: MatchPipeline, onChange?: IdentityChangeListener) =>
    identityEventHandlers(identity, families, pipeline, onChange),
};
