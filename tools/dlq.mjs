#!/usr/bin/env node
// npm run dlq -- list [--topic <topic>] [--all]   dead letters of every catalog topic (pending; --all: also replayed)
// npm run dlq -- show <id>                         one dead letter: headers, errors, payload
// npm run dlq -- replay <id> | --all [--force]     republish to the original topic (the inbox applies it once)
// <id> is the event id (ce_id) or <dlq topic>/<partition>/<offset>.
import { createRequire } from 'node:module';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, repoRoot, serviceEnv } from './stack/lib.mjs';

const require = createRequire(import.meta.url);
const [command, ...args] = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const usage = 'usage: npm run dlq -- list [--topic <topic>] [--all] | show <id> | replay <id>|--all [--force]';
if (!['list', 'show', 'replay'].includes(command)) {
  console.error(usage);
  process.exit(2);
}

Object.assign(process.env, serviceEnv());
await ensureBuilt();
const { topicList, deadLetterTopicOf } = require(join(repoRoot, 'dist/libs/shared/contracts/src/index.js'));
const { createKafkaClient, readDeadLetters, replayDeadLetters, DeadLetterLedger } = require(
  join(repoRoot, 'dist/libs/platform/messaging/src/index.js'),
);

const kafka = createKafkaClient({ clientId: 'linkages-dlq', brokers: process.env.KAFKA_BROKERS.split(',') });
const topics = option('--topic')
  ? [deadLetterTopicOf(option('--topic').replace(/\.dlq$/, ''))]
  : topicList.map((t) => deadLetterTopicOf(t.name));
const ledger = await DeadLetterLedger.open(process.env.DATABASE_URL);
try {
  process.stderr.write(`Reading ${topics.length} dead-letter topic(s)…\n`);
  const letters = await readDeadLetters(kafka, topics);
  const replayed = await ledger.replayed();
  const keyOf = (l) => DeadLetterLedger.keyOf(l);
  const find = (id) => letters.filter((l) => l.id === id || keyOf(l) === id);

  if (command === 'list') {
    const shown = flag('--all') ? letters : letters.filter((l) => !replayed.has(keyOf(l)));
    if (shown.length === 0)
      console.log(letters.length ? `No pending dead letters (${letters.length} already replayed; --all shows them).` : 'No dead letters.');
    for (const l of shown) {
      const state = replayed.has(keyOf(l)) ? `replayed ${replayed.get(keyOf(l)).toISOString()}` : 'pending';
      console.log(
        `${l.failedAt}  ${l.id}  ${l.type ?? '(no type)'}  ${l.reason}  group=${l.consumerGroup}  from ${l.originalTopic}[${l.originalPartition}]@${l.originalOffset}  ${state}`,
      );
      console.log(`    ${l.errors.slice(0, 3).join(' | ')}`);
    }
    console.log(`${shown.length} shown, ${letters.length} in total, ${letters.filter((l) => !replayed.has(keyOf(l))).length} pending.`);
  } else if (command === 'show') {
    const matches = find(args[0]);
    if (matches.length === 0) throw new Error(`No dead letter with id ${args[0]}`);
    for (const l of matches) {
      const headers = Object.fromEntries(Object.entries(l.headers).map(([k, v]) => [k, v?.toString()]));
      console.log(
        JSON.stringify(
          {
            ...l,
            value: undefined,
            headers,
            payload: l.value ? JSON.parse(l.value.toString()) : null,
            replayedAt: replayed.get(keyOf(l)) ?? null,
          },
          null,
          2,
        ),
      );
    }
  } else {
    const chosen = flag('--all') ? letters.filter((l) => flag('--force') || !replayed.has(keyOf(l))) : find(args[0]);
    if (!flag('--all') && chosen.length === 0) throw new Error(`No dead letter with id ${args[0]}`);
    const count = await replayDeadLetters(kafka, chosen);
    await ledger.record(chosen, userInfo().username);
    console.log(`Replayed ${count} dead letter(s) to their original topics.`);
  }
} catch (error) {
  console.error(`dlq ${command} failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  await ledger.close();
}
