import type { Request } from 'express';

/** The matched route's template (`/referrals/:id`), never the concrete path with its ids. */
export function routeTemplate(req: Request): string {
  const route = (req as { route?: { path?: string } }).route;
  return route?.path ?? req.path;
}
