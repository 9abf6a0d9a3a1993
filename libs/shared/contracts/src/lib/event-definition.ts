import type { z } from 'zod';
import type { ServiceName } from './common';
import type { TopicDefinition } from './topics';

export type EventDomain = 'cws' | 'calworks' | 'linkages' | 'deadlines' | 'notifications';

/** One event type: its versioned name, topic, payload schema, partition key and a realistic example. */
export interface EventDefinition<S extends z.ZodObject = z.ZodObject> {
  /** `gov.ca.linkages.<domain>.<name>.v<major>` */
  type: string;
  domain: EventDomain;
  name: string;
  /** Major in the type name; minor versions within it are additive only (see the compatibility test). */
  version: `${number}.${number}`;
  topic: TopicDefinition;
  title: string;
  description: string;
  producers: readonly ServiceName[];
  payload: S;
  /** Partition key: the family, so one family's events stay in order. */
  key: (payload: z.output<S>) => string;
  /** CloudEvents subject: what the event is about, as a pseudonymous reference. */
  subject: (payload: z.output<S>) => string;
  example: z.input<S>;
}

export function defineEvent<S extends z.ZodObject>(
  def: Omit<EventDefinition<S>, 'type' | 'version'> & { major?: number; minor?: number },
): EventDefinition<S> {
  const major = def.major ?? 1;
  const { major: _m, minor, ...rest } = def;
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(def.name)) throw new Error(`event name '${def.name}' must be kebab-case`);
  if (!def.topic.name.endsWith(`.v${major}`))
    throw new Error(`${def.name}: topic ${def.topic.name} does not carry major version v${major}`);
  return { ...rest, type: `gov.ca.linkages.${def.domain}.${def.name}.v${major}`, version: `${major}.${minor ?? 0}` };
}

export type EventPayload<D> = D extends EventDefinition<infer S> ? z.output<S> : never;
