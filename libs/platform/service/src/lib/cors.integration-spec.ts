import 'reflect-metadata';
import { Controller, Get, Module, Post, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { corsOptionsFor } from './cors';

// CORS in a real Nest application over HTTP: the console's origin may call the APIs, the Temporal Web UI only the
// codec routes, any other origin gets no CORS headers (the browser then withholds the answer).
@Controller()
class ProbeController {
  @Get('escalations')
  list(): string {
    return 'ok';
  }

  @Post('codec/decode')
  decode(): string {
    return 'ok';
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

const consoleOrigin = 'http://127.0.0.1:4200';
const temporalUi = 'http://127.0.0.1:8233';

describe('CORS: the console everywhere, the Temporal UI on the codec only, nobody else', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    app = await NestFactory.create(ProbeModule, { logger: false });
    app.enableCors(corsOptionsFor({ CONSOLE_ORIGIN: consoleOrigin, TEMPORAL_UI_ORIGIN: temporalUi }));
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
  });

  const preflight = (path: string, origin: string) =>
    fetch(`${base}${path}`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,idempotency-key' },
    });

  it('answers the console with its origin, credentials and the headers it sends', async () => {
    const res = await fetch(`${base}/escalations`, { headers: { origin: consoleOrigin } });
    expect(res.headers.get('access-control-allow-origin')).toBe(consoleOrigin);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-expose-headers')).toContain('location');
    const pre = await preflight('/escalations', consoleOrigin);
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toContain('idempotency-key');
    expect(pre.headers.get('access-control-allow-methods')).toContain('PUT');
  });

  it('gives another origin no CORS headers, and the Temporal UI only the codec', async () => {
    for (const [path, origin] of [
      ['/escalations', 'https://evil.example'],
      ['/escalations', temporalUi],
      ['/codec/decode', consoleOrigin],
    ] as const) {
      const pre = await preflight(path, origin);
      expect({ path, origin, allowed: pre.headers.get('access-control-allow-origin') }).toEqual({ path, origin, allowed: null });
    }
    const codec = await preflight('/codec/decode', temporalUi);
    expect(codec.headers.get('access-control-allow-origin')).toBe(temporalUi);
  });
});
