import { useEffect, useRef, useState } from 'react';
import { EventSourceParserStream } from 'eventsource-parser/stream';
import { useAuth } from '../auth/auth';
import { useConfig } from '../app/config-context';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting';

/**
 * The notifications service's server-sent events (GET /inbox/stream) read with fetch, because EventSource cannot send
 * a bearer token; eventsource-parser does the framing. Reconnects with backoff and resumes from the last event id
 * (Last-Event-ID), so an item that arrived while disconnected is not missed.
 */
export function useInboxStream(onItem: (data: unknown) => void): StreamStatus {
  const { session } = useAuth();
  const config = useConfig();
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const callback = useRef(onItem);
  callback.current = onItem;
  const token = session.status === 'signed-in' ? session.accessToken : undefined;

  useEffect(() => {
    if (!token) return undefined;
    const abort = new AbortController();
    let lastEventId: string | undefined;
    let attempt = 0;
    const run = async () => {
      while (!abort.signal.aborted) {
        try {
          const res = await fetch(`${config.services.notifications}/inbox/stream`, {
            headers: {
              authorization: `Bearer ${token}`,
              accept: 'text/event-stream',
              ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
            },
            signal: abort.signal,
          });
          if (res.status === 401 || res.status === 403) return;
          if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
          setStatus('live');
          attempt = 0;
          const reader = res.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            if (value.id) lastEventId = value.id;
            if (value.event === 'heartbeat' || !value.data) continue;
            try {
              callback.current(JSON.parse(value.data));
            } catch {
              callback.current(value.data);
            }
          }
        } catch {
          if (abort.signal.aborted) return;
        }
        setStatus('reconnecting');
        attempt += 1;
        const backoffMs = Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));
        await new Promise((r) => setTimeout(r, backoffMs));
      }
    };
    void run();
    return () => abort.abort();
  }, [token, config]);
  return status;
}
