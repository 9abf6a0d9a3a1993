import { z } from 'zod';
import { cloudEventAttributes, dataschemaOf } from './cloud-event';
import { eventCatalog, eventsOnTopic } from './catalog';
import type { EventDefinition } from './event-definition';
import { payloadJsonSchema, type JsonSchema } from './json-schema';
import { deadLetterRetentionMs, deadLetterTopicOf, topicList, topics, type TopicDefinition } from './topics';

const camel = (s: string) => s.replace(/[.-]([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const messageId = (def: EventDefinition) => `${camel(def.domain)}${camel(`-${def.name}`)}V${def.type.split('.v').pop()}`;
const channelId = (topic: TopicDefinition) => camel(Object.entries(topics).find(([, t]) => t.name === topic.name)?.[0] ?? topic.name);

function strip$schema(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

/** Kafka headers of a binary-mode CloudEvent, as JSON Schema. */
function headersSchema(): JsonSchema {
  const attributes = strip$schema(z.toJSONSchema(cloudEventAttributes, { target: 'draft-7', io: 'input' }) as JsonSchema);
  const props = attributes['properties'] as Record<string, JsonSchema>;
  const header = (attr: string) => (attr === 'datacontenttype' ? 'content-type' : `ce_${attr}`);
  return {
    type: 'object',
    description:
      'CloudEvents 1.0 Kafka protocol binding, binary content mode: every attribute in a ce_* header, the data as the JSON body.',
    properties: Object.fromEntries(Object.entries(props).map(([attr, schema]) => [header(attr), schema])),
    required: ((attributes['required'] as string[]) ?? []).map(header),
  };
}

const description = `Events exchanged by the Linkages services (child welfare, CalWORKs, Linkages referrals, notifications).

Envelope: CloudEvents 1.0 in Kafka binary content mode. Attributes travel in \`ce_*\` headers (\`ce_id\`, \`ce_source\`, \`ce_type\`, \`ce_specversion\`, \`ce_time\`, \`ce_subject\`, \`ce_dataschema\`) plus the extensions \`ce_correlationid\`, \`ce_causationid\`, \`ce_countycode\` and \`ce_familyid\`; \`content-type\` is \`application/json\`; the body is the JSON payload; the record key is the family id, so one family's events stay in order.

Versioning: the major version is part of the event type (\`gov.ca.linkages.<domain>.<event>.v1\`) and of the topic name (\`linkages.<domain>.<family>.v1\`). Within a major version changes are additive only: new optional fields, new enum values. The minor version is in \`ce_dataschema\` (\`.../<type>/<major>.<minor>\`).

Consumers (documented behaviour, enforced by libs/platform/messaging):
- an event of a newer minor version is processed: fields the consumer does not know are ignored;
- an event whose type the consumer does not handle (a new event type, or a new major version on the same topic) is acknowledged and skipped, and counted;
- an event that fails its schema, or whose envelope is not valid CloudEvents, goes to the topic's dead-letter topic (\`<topic>.dlq\`) with the validation errors in headers;
- a handler that keeps failing after retries with exponential backoff sends the event to the dead-letter topic with the error; \`npm run dlq -- replay\` republishes it, and the idempotent inbox applies it exactly once.

Payloads carry pseudonymous ids, codes and dates only: never names, SSNs, dates of birth, addresses or reporter identity.`;

/** The platform's AsyncAPI 3.0 document, generated from the zod contracts. */
export function buildAsyncApiDocument(version = '1.0.0'): Record<string, unknown> {
  const messages: Record<string, unknown> = {};
  for (const def of eventCatalog) {
    messages[messageId(def)] = {
      name: def.type,
      title: def.title,
      summary: def.description,
      contentType: 'application/json',
      headers: { $ref: '#/components/schemas/CloudEventHeaders' },
      payload: strip$schema(payloadJsonSchema(def)),
      correlationId: { $ref: '#/components/correlationIds/correlationId' },
      bindings: { kafka: { key: { type: 'string', format: 'uuid', description: 'Family id' }, bindingVersion: '0.5.0' } },
      examples: [
        {
          name: `${def.name}-example`,
          headers: {
            ce_specversion: '1.0',
            ce_id: '6f1c2d3e-4b5a-4968-8778-695a4b3c2d1e',
            ce_source: `/linkages/${def.producers[0]}`,
            ce_type: def.type,
            ce_time: '2026-12-01T09:00:00-08:00',
            ce_subject: def.subject(def.payload.parse(def.example)),
            'content-type': 'application/json',
            ce_dataschema: dataschemaOf(def),
            ce_correlationid: 'req-2f9c1a',
            ce_countycode: '06085',
            ce_familyid: def.key(def.payload.parse(def.example)),
          },
          payload: def.example,
        },
      ],
    };
  }
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const topic of topicList) {
    const id = channelId(topic);
    const onTopic = eventsOnTopic(topic);
    channels[id] = {
      address: topic.name,
      title: topic.name,
      description: `${topic.description} Produced by ${topic.producers.join(', ')}; consumed by ${topic.consumers.join(', ')}. Key: ${topic.key}.`,
      messages: Object.fromEntries(onTopic.map((def) => [messageId(def), { $ref: `#/components/messages/${messageId(def)}` }])),
      bindings: {
        kafka: {
          topic: topic.name,
          partitions: topic.partitions,
          topicConfiguration: { 'retention.ms': topic.retentionMs, 'cleanup.policy': ['delete'] },
          bindingVersion: '0.5.0',
        },
      },
    };
    channels[`${id}DeadLetter`] = {
      address: deadLetterTopicOf(topic.name),
      title: deadLetterTopicOf(topic.name),
      description: `Dead letters of ${topic.name}: records a consumer could not validate or handle, with x-dlq-* headers (reason, errors, consumer group, original topic/partition/offset). Replay with \`npm run dlq -- replay\`.`,
      messages: Object.fromEntries(onTopic.map((def) => [messageId(def), { $ref: `#/components/messages/${messageId(def)}` }])),
      bindings: {
        kafka: {
          topic: deadLetterTopicOf(topic.name),
          partitions: topic.partitions,
          topicConfiguration: { 'retention.ms': deadLetterRetentionMs, 'cleanup.policy': ['delete'] },
          bindingVersion: '0.5.0',
        },
      },
    };
    const refs = onTopic.map((def) => ({ $ref: `#/channels/${id}/messages/${messageId(def)}` }));
    for (const producer of topic.producers) {
      operations[`${camel(producer)}Sends${id.charAt(0).toUpperCase()}${id.slice(1)}`] = {
        action: 'send',
        title: `${producer} publishes to ${topic.name}`,
        channel: { $ref: `#/channels/${id}` },
        messages: refs,
      };
    }
    for (const consumer of topic.consumers) {
      operations[`${camel(consumer)}Receives${id.charAt(0).toUpperCase()}${id.slice(1)}`] = {
        action: 'receive',
        title: `${consumer} consumes ${topic.name}`,
        channel: { $ref: `#/channels/${id}` },
        messages: refs,
      };
    }
  }
  return {
    asyncapi: '3.0.0',
    info: { title: 'Linkages platform events', version, description, license: { name: 'Apache-2.0' } },
    defaultContentType: 'application/json',
    servers: { local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'The local stack (`npm run stack -- up`)' } },
    channels,
    operations,
    components: {
      schemas: { CloudEventHeaders: headersSchema() },
      messages,
      correlationIds: {
        correlationId: {
          description: 'Correlates every event caused by one request or workflow',
          location: '$message.header#/ce_correlationid',
        },
      },
    },
  };
}
