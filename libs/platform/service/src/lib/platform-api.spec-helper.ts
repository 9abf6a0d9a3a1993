import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication, Type } from '@nestjs/common';
import { stackEnv } from '@linkages/platform-testing';
import { createApiApp } from './bootstrap';

/** An answer of the application: status, headers and the body as text. */
export interface PlatformApiAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface PlatformApiRequest {
  method?: string;
  headers?: Record<string, string>;
  /**
   * The loopback address the request comes from (127.0.0.2, 127.0.0.3…: all of 127/8 is the loopback on Linux), so
   * that a spec can play several clients, each with its own address; 127.0.0.1 when left out.
   */
  from?: string;
}

/**
 * A service API as bootstrapApi builds it (createApiApp: the shared HTTP boundary, then `module`, whose imports hold
 * PlatformModule.forApi), over the running stack with `env` on top of stackEnv() (the service config is read at boot;
 * `env` may be a function, called at boot),
 * listening on a free loopback port. For a describe block: started in `beforeAll`, closed in `afterAll` unless the
 * spec closed it itself (`close`, to read what shutdown wrote), and process.env restored. The composition root is
 * not importable from @linkages/platform-testing (type:testing may not import type:composition), so it lives here.
 */
export function platformApi(module: Type<unknown>, env: Record<string, string> | (() => Record<string, string>) = {}) {
  const saved = { ...process.env };
  let app: INestApplication | undefined;
  let port = 0;

  const close = async () => {
    const running = app;
    app = undefined;
    await running?.close();
  };

  beforeAll(async () => {
    // A function when the settings are known only once an earlier beforeAll ran (a proxy's port).
    Object.assign(process.env, stackEnv(), { LOG_LEVEL: 'warn' }, typeof env === 'function' ? env() : env);
    app = await createApiApp(
      module,
      { CONSOLE_ORIGIN: 'http://127.0.0.1:4200', TEMPORAL_UI_ORIGIN: 'http://127.0.0.1:8233' },
      { logger: ['error'], abortOnError: false },
    );
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
  }, 60_000);

  afterAll(async () => {
    await close();
    process.env = saved;
  });

  return {
    /** The running application (after `beforeAll`, until `close`). */
    get app(): INestApplication {
      if (!app) throw new Error('The API is not running');
      return app;
    },
    /** `http://127.0.0.1:<port>` (after `beforeAll`). */
    get base(): string {
      return `http://127.0.0.1:${port}`;
    },
    /** Closes the application as SIGTERM would (every shutdown hook runs); afterAll then has nothing to do. */
    close,
    /** A request to the application, optionally from another loopback address. */
    request: (path: string, o: PlatformApiRequest = {}): Promise<PlatformApiAnswer> =>
      new Promise((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port, path, method: o.method ?? 'GET', headers: o.headers ?? {}, localAddress: o.from ?? '127.0.0.1' },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
            );
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end();
      }),
  };
}
