import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@linkages/platform-config';
import { stackEnv } from './stack-env';

/** A demo user of the development identity provider (infra/local/demo-users.json). */
export interface DemoUser {
  username: string;
  name: string;
  agency: string;
  county: string;
  roles: string[];
}

/** The demo users the development identity provider issues tokens for. */
export function demoUsers(): DemoUser[] {
  const file = join(repoRoot(), 'infra', 'local', 'demo-users.json');
  const { users } = JSON.parse(readFileSync(file, 'utf8')) as { users: DemoUser[] };
  return users;
}

/**
 * An access token (RS256 JWT, valid 15 minutes) for a demo user, from the development identity provider the local
 * stack runs. The audience defaults to the stack's AUTH_AUDIENCE, the one services check.
 */
export async function devToken(username: string, audience?: string): Promise<string> {
  const { AUTH_ISSUER, AUTH_AUDIENCE } = stackEnv();
  const url = `${AUTH_ISSUER.replace(/\/+$/, '')}/token`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, audience: audience ?? AUTH_AUDIENCE }),
      signal: AbortSignal.timeout(5000),
    });
  } catch (error) {
    const reason = error instanceof Error ? ((error.cause as { code?: string } | undefined)?.code ?? error.message) : String(error);
    throw new Error(
      `The development identity provider at ${AUTH_ISSUER} is not answering (${reason}). Run \`npm run stack -- up\`, which starts it.`,
    );
  }
  const body = (await res.json().catch(() => ({}))) as { access_token?: unknown; error?: string; error_description?: string };
  if (!res.ok || typeof body.access_token !== 'string') {
    throw new Error(
      `The development identity provider refused a token for '${username}': HTTP ${res.status} ${body.error_description ?? body.error ?? ''}`.trim(),
    );
  }
  return body.access_token;
}
