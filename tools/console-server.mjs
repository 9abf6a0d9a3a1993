// The console's static server (npm start): serves the built app (dist/apps/console) on loopback with a fallback to
// index.html for client-side routes, and /config.json: where the identity provider, the four services and the
// Temporal UI are, so one build serves every port offset. The console reads nothing else from this server.
import { createServer } from 'node:http';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, normalize, sep } from 'node:path';
import { host, ports, repoRoot, serviceEnv, services } from './stack/lib.mjs';

const require = createRequire(import.meta.url);
export const consoleDist = join(repoRoot, 'dist', 'apps', 'console');
export const consolePort = (offset = 0) => 4200 + offset;

/** What the console needs to find everything: the services' public URLs under `offset`, the IdP, the Temporal UI. */
export function consoleConfig(offset = 0, env = serviceEnv()) {
  const urls = Object.fromEntries(
    services.map((name) => {
      const { service } = require(join(repoRoot, 'dist/apps', name, 'src/service.js'));
      return [name, `http://${host}:${service.port + offset}`];
    }),
  );
  return {
    idp: { authority: env.AUTH_ISSUER, clientId: 'linkages-console' },
    services: urls,
    temporalUi: { baseUrl: `http://${host}:${ports.temporalUi}`, namespace: env.TEMPORAL_NAMESPACE || 'default' },
    timeZone: 'America/Los_Angeles',
  };
}

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
};

// The app loads scripts and styles from its own origin only and talks to the IdP and the services listed in its config.
const securityHeaders = (config) => ({
  'content-security-policy': [
    "default-src 'self'",
    `connect-src 'self' ${config.idp.authority} ${Object.values(config.services).join(' ')}`,
    "img-src 'self' data:",
    "style-src 'self'",
    "script-src 'self'",
    "frame-ancestors 'none'",
    "form-action 'self' " + config.idp.authority,
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
});

/** Starts the server; resolves with it once listening. */
export function serveConsole({ port = consolePort(), config = consoleConfig(), dist = consoleDist } = {}) {
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`the console is not built (${dist}/index.html is missing): npm run build`);
  const index = readFileSync(join(dist, 'index.html'));
  const headers = securityHeaders(config);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD') return res.writeHead(405, { allow: 'GET, HEAD' }).end();
    if (path === '/config.json') {
      return res
        .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers })
        .end(JSON.stringify(config));
    }
    const file = normalize(join(dist, path));
    if (file.startsWith(dist + sep) && existsSync(file) && statSync(file).isFile()) {
      const immutable = path.startsWith('/assets/');
      res.writeHead(200, {
        'content-type': types[extname(file)] ?? 'application/octet-stream',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        ...headers,
      });
      return createReadStream(file).pipe(res);
    }
    if (path.startsWith('/assets/')) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types['.html'], 'cache-control': 'no-cache', ...headers }).end(index);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const offset = Number(process.env.LINKAGES_PORT_OFFSET ?? 0);
  const server = await serveConsole({ port: consolePort(offset), config: consoleConfig(offset) });
  console.log(`Console on http://${host}:${server.address().port}`);
}
