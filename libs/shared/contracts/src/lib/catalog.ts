import * as events from '../events';
import type { EventDefinition } from './event-definition';
import { topicList, type TopicDefinition } from './topics';

/** Every event type the platform emits. */
export const eventCatalog: readonly EventDefinition[] = Object.values(events) as EventDefinition[];

const byType = new Map(eventCatalog.map((e) => [e.type, e]));
if (byType.size !== eventCatalog.length) throw new Error('Two event definitions share a type name');

export function findEvent(type: string): EventDefinition | undefined {
  return byType.get(type);
}

export function eventsOnTopic(topic: TopicDefinition | string): EventDefinition[] {
  const name = typeof topic === 'string' ? topic : topic.name;
  return eventCatalog.filter((e) => e.topic.name === name);
}

export { topicList };
