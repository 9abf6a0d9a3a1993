// One phase's Temporal worker for `npm run bench:deadlines`, in a process of its own (forked by deadlines.mjs), so a
// phase's CPU and memory are its own and the phases do not slow each other. It runs the benchmark bundle (the deadline
// workflow and the bare timer) with the services' data converter (AES-GCM payloads) and telemetry interceptors, and
// stand-in activities that report when each stage ran. The parent asks it for figures over IPC:
// - `stats`: process CPU (all threads), RSS, and each workflow thread's V8 heap after a full GC, read through the
//   inspector's NodeWorker domain (the workflows live in those threads, not on the main thread);
// - `profile-start` / `profile-stop`: a CPU profile of the workflow thread, written as a .cpuprofile.
// Core's Prometheus metrics (workflow task execution and replay latency, cache evictions) are served on metricsPort.
import inspector from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const options = JSON.parse(process.argv[2]);
const { repoRoot } = options;
const { NativeConnection, Worker, Runtime, DefaultLogger } = require('@temporalio/worker');
const { workerTelemetry, platformDataConverter, workflowCacheSize } = require(join(repoRoot, 'dist/libs/platform/temporal/src/index.js'));

// Workflow task latencies in ms: fine buckets, so a p99 read off the histogram means something.
const latencyBuckets = [1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 2000, 5000, 10000];
Runtime.install({
  logger: new DefaultLogger('ERROR'),
  shutdownSignals: [],
  telemetryOptions: {
    metrics: {
      prometheus: {
        bindAddress: `127.0.0.1:${options.metricsPort}`,
        histogramBucketOverrides: {
          workflow_task_execution_latency: latencyBuckets,
          workflow_task_replay_latency: latencyBuckets,
          activity_execution_latency: latencyBuckets,
        },
      },
    },
  },
});

// Stage reports to the parent, batched.
let batch = [];
const flush = () => {
  if (batch.length) process.send({ type: 'fired', events: batch });
  batch = [];
};
setInterval(flush, 250).unref();
const fired = (kind, dueAt, tag) => batch.push([kind, Date.now(), Date.parse(dueAt), tag]);
const activities = {
  async emitDeadlineEvent(input) {
    fired(input.kind, input.dueAt, input.subjectRef);
  },
  async timerFired(input) {
    fired('bare', input.dueAt, input.tag ?? '');
  },
};

// The workflow threads, through the inspector.
const session = new inspector.Session();
session.connect();
const post = (method, params = {}) => new Promise((ok, fail) => session.post(method, params, (e, r) => (e ? fail(e) : ok(r))));
const threads = new Map();
const pending = new Map();
let nextId = 1;
session.on('NodeWorker.attachedToWorker', ({ params }) => threads.set(params.sessionId, params.workerInfo));
session.on('NodeWorker.receivedMessageFromWorker', ({ params }) => {
  const message = JSON.parse(params.message);
  if (message.id && pending.has(message.id)) {
    pending.get(message.id)(message);
    pending.delete(message.id);
  }
});
await post('NodeWorker.enable', { waitForDebuggerOnStart: false });
const inThread = async (sessionId, method, params = {}) => {
  const id = nextId++;
  const answer = new Promise((ok) => pending.set(id, ok));
  await post('NodeWorker.sendMessageToWorker', { sessionId, message: JSON.stringify({ id, method, params }) });
  const reply = await answer;
  if (reply.error) throw new Error(`${method}: ${reply.error.message}`);
  return reply.result;
};
const threadHeaps = async () => {
  const heaps = [];
  for (const sessionId of threads.keys()) {
    await inThread(sessionId, 'HeapProfiler.collectGarbage');
    const { usedSize, totalSize } = await inThread(sessionId, 'Runtime.getHeapUsage');
    heaps.push({ usedSize, totalSize });
  }
  return heaps;
};

const cacheSize = options.cacheSize ?? workflowCacheSize();
const connection = await NativeConnection.connect({ address: options.address });
const worker = await Worker.create({
  connection,
  namespace: options.namespace,
  taskQueue: options.taskQueue,
  workflowBundle: { codePath: options.bundle },
  activities,
  dataConverter: platformDataConverter(options.encryptionKeys),
  maxCachedWorkflows: cacheSize,
  maxConcurrentActivityTaskExecutions: 200,
  ...workerTelemetry('bench'),
});
const running = worker.run();
// The workflow threads start with the worker; wait until the inspector is attached to them, so the first `stats` holds
// their heap with the bundle loaded and no workflow yet.
for (let i = 0; i < 100 && threads.size === 0; i++) await new Promise((r) => setTimeout(r, 100));

process.on('message', async (message) => {
  try {
    if (message.type === 'stats') {
      flush();
      const heaps = await threadHeaps();
      process.send({
        type: 'stats',
        cpu: process.cpuUsage(),
        rss: process.memoryUsage.rss(),
        mainHeap: process.memoryUsage().heapUsed,
        threadHeapUsed: heaps.reduce((s, h) => s + h.usedSize, 0),
        threads: heaps.length,
        cacheSize,
      });
    } else if (message.type === 'rss') {
      process.send({ type: 'rss', rss: process.memoryUsage.rss() });
    } else if (message.type === 'profile-start') {
      for (const sessionId of threads.keys()) {
        await inThread(sessionId, 'Profiler.enable');
        await inThread(sessionId, 'Profiler.setSamplingInterval', { interval: 200 });
        await inThread(sessionId, 'Profiler.start');
      }
      process.send({ type: 'ok' });
    } else if (message.type === 'profile-stop') {
      let i = 0;
      for (const sessionId of threads.keys()) {
        const { profile } = await inThread(sessionId, 'Profiler.stop');
        writeFileSync(`${message.path}.${i++}.cpuprofile`, JSON.stringify(profile));
      }
      process.send({ type: 'ok' });
    } else if (message.type === 'shutdown') {
      flush();
      worker.shutdown();
      await running.catch(() => undefined);
      await connection.close();
      process.exit(0);
    }
  } catch (error) {
    process.send({ type: 'error', message: String(error?.stack ?? error) });
  }
});
running.catch((error) => {
  process.send({ type: 'error', message: `worker stopped: ${String(error?.stack ?? error)}` });
  process.exit(1);
});
process.send({ type: 'ready', cacheSize, threads: threads.size });
