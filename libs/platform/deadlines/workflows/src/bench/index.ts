// The benchmark's workflow bundle (npm run bench:deadlines): the deadline workflow beside a bare durable timer, the
// baseline it is measured against. Built into dist/workflow-bundles/bench.js; never part of a service's bundle.
export * from '../lib/deadline.workflow';
export * from './bench-timer.workflow';
