import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@linkages/platform-config';
import { uniqueSuffix } from '@linkages/platform-testing';

interface ComposeSummary {
  name: string;
  services: Record<
    string,
    { image?: string; build: boolean; healthcheck: boolean; dependsOn: Record<string, string>; ports: string[] | null }
  >;
}

const composeFile = join(repoRoot(), 'docker-compose.yml');

/** Loads a compose file with compose-go (Docker Compose's own loader), which validates it against the Compose spec schema. */
const secrets = {
  POSTGRES_PASSWORD: 'from-the-environment',
  TEMPORAL_ENCRYPTION_KEYS: 'k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
  FIELD_ENCRYPTION_KEYS: 'f1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
  BLIND_INDEX_KEY: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
  MATCH_KEY: 'AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=',
  AUTH_ISSUER: 'https://idp.county.example',
  AUTH_JWKS_URL: 'https://idp.county.example/jwks.json',
};

function check(file: string, env: Record<string, string> = secrets): ComposeSummary {
  const rest = Object.fromEntries(Object.entries(process.env).filter(([k]) => !(k in secrets)));
  const out = execFileSync('go', ['run', '.', file], {
    cwd: join(repoRoot(), 'tools', 'compose-check'),
    env: { ...rest, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(out) as ComposeSummary;
}

function checkFails(file: string, env?: Record<string, string>): string {
  try {
    check(file, env);
  } catch (error) {
    return String((error as { stderr?: string }).stderr ?? error);
  }
  throw new Error('expected the compose file to be rejected');
}

const appServices = readdirSync(join(repoRoot(), 'apps')).filter((a) => existsSync(join(repoRoot(), 'apps', a, 'src', 'worker.ts')));

describe('docker-compose.yml (validated against the Compose specification)', () => {
  let summary: ComposeSummary;

  beforeAll(() => {
    summary = check(composeFile);
  }, 300_000);

  it('runs official images for the servers', () => {
    expect(summary.services['postgres']?.image).toMatch(/^postgres:/);
    expect(summary.services['kafka']?.image).toMatch(/^apache\/kafka:/);
    expect(summary.services['temporal']?.image).toMatch(/^temporalio\/(auto-setup|server):/);
    expect(summary.services['temporal-ui']?.image).toMatch(/^temporalio\/ui:/);
  });

  it('runs an API and a worker for every service in apps/, built from the one Dockerfile, each with a healthcheck', () => {
    expect(appServices.sort()).toEqual(['calworks', 'child-welfare', 'notifications', 'referrals']);
    for (const app of appServices) {
      for (const kind of ['api', 'worker']) {
        const s = summary.services[`${app}-${kind}`];
        expect(s).toMatchObject({ build: true, healthcheck: true });
        expect(s?.dependsOn).toMatchObject({
          postgres: 'service_healthy',
          kafka: 'service_healthy',
          temporal: 'service_healthy',
          migrate: 'service_completed_successfully',
        });
      }
    }
  });

  it('gives every server a healthcheck and publishes ports on loopback only', () => {
    for (const name of ['postgres', 'kafka', 'temporal', 'temporal-ui']) expect(summary.services[name]?.healthcheck).toBe(true);
    const published = Object.values(summary.services).flatMap((s) => s.ports ?? []);
    expect(published.length).toBeGreaterThan(0);
    for (const p of published) expect(p).toMatch(/^127\.0\.0\.1:/);
  });

  it('registers the same search attributes as the local stack', () => {
    const { attributes } = JSON.parse(readFileSync(join(repoRoot(), 'infra', 'temporal', 'search-attributes.json'), 'utf8')) as {
      attributes: Record<string, string>;
    };
    const text = readFileSync(composeFile, 'utf8');
    for (const [name, type] of Object.entries(attributes)) expect(text).toContain(`${name}=${type}`);
  });

  it.each(Object.keys(secrets))('commits no default secret or identity provider: without %s the file does not load', (name) => {
    const { [name]: _missing, ...others } = secrets as Record<string, string>;
    expect(checkFails(composeFile, others)).toMatch(new RegExp(name));
  });

  it('the validator rejects what the specification forbids', () => {
    const broken = join(repoRoot(), '.stack', `compose-broken-${uniqueSuffix()}.yml`);
    writeFileSync(
      broken,
      readFileSync(composeFile, 'utf8').replace(
        '  postgres:\n    image: postgres:18',
        '  postgres:\n    image: postgres:18\n    not_a_compose_key: true',
      ),
    );
    try {
      expect(checkFails(broken)).toMatch(/not_a_compose_key/);
    } finally {
      rmSync(broken, { force: true });
    }
  });
});
