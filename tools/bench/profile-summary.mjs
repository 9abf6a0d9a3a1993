// Reads a V8 .cpuprofile and returns its heaviest self-time rows: by package or source file (what to look at first),
// then by function. Used by `npm run bench:deadlines -- --profile`; `node tools/bench/profile-summary.mjs <file>`.
import { readFileSync } from 'node:fs';

const where = (url) => {
  if (!url) return '(native / idle)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1];
  const lib = /(libs\/[^?]+?)(?:\.[jt]s)?$/.exec(url);
  return lib ? lib[1] : url.replace(/^.*\//, '');
};

export function summarizeProfile(path, top = 15) {
  const profile = JSON.parse(readFileSync(path, 'utf8'));
  const self = new Map(profile.nodes.map((n) => [n.id, 0]));
  const deltas = profile.timeDeltas ?? [];
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0)));
  const total = [...self.values()].reduce((s, v) => s + v, 0) || 1;
  const byWhere = new Map();
  const byFunction = new Map();
  for (const node of profile.nodes) {
    const t = self.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') continue;
    const w = where(url);
    byWhere.set(w, (byWhere.get(w) ?? 0) + t);
    const f = `${functionName || '(anonymous)'} ${w}:${lineNumber + 1}`;
    byFunction.set(f, (byFunction.get(f) ?? 0) + t);
  }
  const idle = profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').reduce((s, n) => s + (self.get(n.id) ?? 0), 0);
  const rows = (m) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${(v / 1000).toFixed(0).padStart(6)} ms  ${k}`);
  return [
    `busy ${((total - idle) / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms sampled`,
    '-- by package / file --',
    ...rows(byWhere),
    '-- by function --',
    ...rows(byFunction),
  ];
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  for (const row of summarizeProfile(process.argv[2], Number(process.argv[3] ?? 25))) process.stdout.write(`${row}\n`);
}
