import type { CorsOptions, CorsOptionsDelegate } from '@nestjs/common/interfaces/external/cors-options.interface';
import type { ServiceConfig } from '@linkages/platform-config';

/**
 * Which browser origins may call a service API: the console (issue 15) everywhere, the Temporal Web UI on the codec
 * routes only (it decodes payloads from the browser), nobody else. A request from another origin gets no CORS
 * headers, so the browser refuses to hand it the answer.
 */
export function corsOptionsFor(
  config: Pick<ServiceConfig, 'CONSOLE_ORIGIN' | 'TEMPORAL_UI_ORIGIN'>,
): CorsOptionsDelegate<{ url?: string; originalUrl?: string }> {
  const common: CorsOptions = {
    credentials: true,
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'last-event-id', 'x-correlation-id', 'x-namespace'],
    exposedHeaders: ['location', 'x-correlation-id', 'retry-after'],
    methods: ['GET', 'POST', 'PUT'],
    maxAge: 600,
  };
  return (req, callback) => {
    const path = (req.originalUrl ?? req.url ?? '').split('?')[0] ?? '';
    const origin = path.startsWith('/codec/') ? [config.TEMPORAL_UI_ORIGIN] : [config.CONSOLE_ORIGIN];
    callback(null, { ...common, origin });
  };
}
