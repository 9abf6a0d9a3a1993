import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isInternalAddress } from '@linkages/notifications-domain';

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export type WebhookAnswer = { status: number } | { error: 'timeout' | 'network' | 'refused-address' };

/** Sends one signed message; never throws (every failure is an answer). */
export type WebhookSender = (req: WebhookRequest) => Promise<WebhookAnswer>;

class RefusedAddressError extends Error {
  readonly code = 'ERR_WEBHOOK_INTERNAL_ADDRESS';
}

/**
 * A DNS look-up that refuses a name resolving to a loopback, private or link-local address (a public name pointed at
 * an internal host after registration, or DNS rebinding): the registration check alone cannot see that.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
    if (err) return callback(err, '', 0);
    const list = Array.isArray(addresses) ? addresses : [];
    if (list.length === 0 || list.some((a) => isInternalAddress(a.address)))
      return callback(new RefusedAddressError('the host resolves to an internal address'), '', 0);
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    const [first] = list;
    return callback(null, first?.address ?? '', first?.family ?? 4);
  });
};

/**
 * node:http(s) sender: POST, no redirects followed, the response body read up to 64 KiB and dropped, a whole-request
 * timeout. Outside development the connection's addresses must be public (publicOnlyLookup).
 */
export function createHttpWebhookSender(opts: { timeoutMs: number; allowInternalAddresses: boolean }): WebhookSender {
  return (req) =>
    new Promise<WebhookAnswer>((resolve) => {
      let settled = false;
      const done = (a: WebhookAnswer) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(a);
      };
      const url = new URL(req.url);
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const r = send(
        url,
        {
          method: 'POST',
          headers: { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) },
          ...(opts.allowInternalAddresses ? {} : { lookup: publicOnlyLookup }),
        },
        (res: { statusCode?: number; headers: IncomingHttpHeaders } & NodeJS.ReadableStream) => {
          let seen = 0;
          res.on('data', (chunk: Buffer) => {
            seen += chunk.length;
            if (seen > 65_536) res.removeAllListeners('data');
          });
          res.on('end', () => done({ status: res.statusCode ?? 0 }));
          res.on('error', () => done({ status: res.statusCode ?? 0 }));
          res.resume();
        },
      );
      const timer = setTimeout(() => {
        done({ error: 'timeout' });
        r.destroy();
      }, opts.timeoutMs);
      r.on('error', (err: Error & { code?: string }) =>
        done({ error: err instanceof RefusedAddressError || err.code === 'ERR_WEBHOOK_INTERNAL_ADDRESS' ? 'refused-address' : 'network' }),
      );
      r.end(req.body);
    });
}
