import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/** The workspace root (the folder holding nx.json), found from this file whether it runs from src/ or dist/. */
export function repoRoot(): string {
  if (cached) return cached;
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return (cached = dir);
  }
  throw new Error(`Cannot find the workspace root (nx.json) above ${__dirname}`);
}

/** The @linkages/* path aliases from tsconfig.base.json, relative to the workspace root. */
export function workspacePathAliases(): Record<string, string> {
  const tsconfig = JSON.parse(readFileSync(join(repoRoot(), 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  return Object.fromEntries(
    Object.entries(tsconfig.compilerOptions.paths).map(([alias, [target]]) => [alias, join(repoRoot(), target ?? '')]),
  );
}
