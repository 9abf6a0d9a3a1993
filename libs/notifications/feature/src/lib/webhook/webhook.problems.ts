import { defineProblem } from '@linkages/platform-http';

/** The URL is not https, or points at a loopback, private, link-local or local host (development excepted). */
export const webhookUrlRefused = defineProblem({
  slug: 'webhook-url-refused',
  status: 422,
  title: 'Unprocessable Content',
  description:
    'The webhook URL must be https and reach a public host: no loopback, private, link-local, unique-local or local names (http and local receivers are allowed in development only). Nothing changed.',
});

/** The endpoint would belong to an agency the caller may not manage (or a platform caller named none). */
export const webhookAgencyRefused = defineProblem({
  slug: 'webhook-agency-refused',
  status: 422,
  title: 'Unprocessable Content',
  description:
    'An endpoint belongs to the caller’s agency; a platform administrator names the agency (cws or calworks) it is for. Nothing changed.',
});

/** Enabling an enabled endpoint or disabling a disabled one. */
export const webhookEndpointState = defineProblem({
  slug: 'webhook-endpoint-state',
  status: 409,
  title: 'Conflict',
  description: 'The endpoint is already enabled (or already disabled); nothing changed.',
});
