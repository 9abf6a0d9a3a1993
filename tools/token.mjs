#!/usr/bin/env node
// npm run -s token -- <username> [audience]   prints an access token for a demo user from the development IdP
// npm run token                               lists the demo users
// e.g. curl -H "Authorization: Bearer $(npm run -s token -- cws-worker)" <API URL>
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readEnvFile, repoRoot, stackDir } from './stack/lib.mjs';

const settings = { ...readEnvFile(join(stackDir, 'stack.env')), ...process.env };
const usersFile = join(repoRoot, 'infra', 'local', 'demo-users.json');

function printUsers() {
  const { users } = JSON.parse(readFileSync(usersFile, 'utf8'));
  const rows = [
    ['username', 'name', 'agency', 'county', 'roles'],
    ...users.map((u) => [u.username, u.name, u.agency, u.county, u.roles.join(',')]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const row of rows)
    console.log(
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    );
  console.log('\nUsage: npm run -s token -- <username> [audience]   (prints the access token only)');
}

async function token(username, audience) {
  const issuer = settings.AUTH_ISSUER;
  if (!issuer) throw new Error('AUTH_ISSUER is unknown: run `npm run stack -- up` (it starts the development identity provider).');
  let res;
  try {
    res = await fetch(`${issuer.replace(/\/+$/, '')}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, audience: audience ?? settings.AUTH_AUDIENCE ?? 'linkages-api' }),
      signal: AbortSignal.timeout(5000),
    });
  } catch (error) {
    throw new Error(
      `The development identity provider at ${issuer} is not answering (${error.cause?.code ?? error.message}): run \`npm run stack -- up\`.`,
    );
  }
  const body = await res.json().catch(() => ({}));
  if (!res.ok || typeof body.access_token !== 'string') {
    throw new Error(
      `${issuer} refused a token for '${username}': HTTP ${res.status} ${body.error_description ?? body.error ?? ''}`.trim() +
        (res.status === 400 ? '\nRun `npm run token` to list the demo users.' : ''),
    );
  }
  return body.access_token;
}

const [username, audience] = process.argv.slice(2);
try {
  if (!username || username === '-h' || username === '--help') printUsers();
  else process.stdout.write(`${await token(username, audience)}\n`);
} catch (error) {
  process.stderr.write(`token: ${error.message}\n`);
  process.exit(1);
}
