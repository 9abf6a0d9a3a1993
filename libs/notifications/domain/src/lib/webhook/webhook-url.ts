/**
 * Where a webhook may point (issue 14, Deliver 5): https only, and never a loopback, private, link-local, unique-local,
 * multicast or otherwise internal address, unless the service runs in development (a local receiver on 127.0.0.1).
 * Pure: the WHATWG URL parser normalizes the host (`0x7f.1` is 127.0.0.1, `[::ffff:127.0.0.1]` is `[::ffff:7f00:1]`).
 * A DNS name is checked again at send time against the addresses it resolves to (see isInternalAddress).
 */
export type WebhookUrlCheck = { ok: true; url: string } | { ok: false; reason: WebhookUrlRefusal };

export type WebhookUrlRefusal =
  'not-a-url' | 'too-long' | 'not-https' | 'credentials-in-url' | 'fragment-in-url' | 'internal-address' | 'internal-host-name';

export const WEBHOOK_URL_MAX_LENGTH = 2048;

/** Human text of each refusal (for the problem+json `detail`). */
export const WEBHOOK_URL_REFUSALS: Record<WebhookUrlRefusal, string> = {
  'not-a-url': 'is not an absolute URL',
  'too-long': `is longer than ${WEBHOOK_URL_MAX_LENGTH} characters`,
  'not-https': 'must use https (http is allowed in development only)',
  'credentials-in-url': 'must not carry a user name or password',
  'fragment-in-url': 'must not carry a #fragment',
  'internal-address': 'points at a loopback, private, link-local or other internal address (allowed in development only)',
  'internal-host-name': 'names a local host (localhost, *.localhost, *.local, *.internal; allowed in development only)',
};

export function checkWebhookUrl(raw: string, opts: { development: boolean }): WebhookUrlCheck {
  if (typeof raw !== 'string') return { ok: false, reason: 'not-a-url' };
  if (raw.length > WEBHOOK_URL_MAX_LENGTH) return { ok: false, reason: 'too-long' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not-a-url' };
  }
  if (url.protocol !== 'https:' && !(opts.development && url.protocol === 'http:')) return { ok: false, reason: 'not-https' };
  if (url.username || url.password) return { ok: false, reason: 'credentials-in-url' };
  if (url.hash) return { ok: false, reason: 'fragment-in-url' };
  if (!url.hostname) return { ok: false, reason: 'not-a-url' };
  if (!opts.development) {
    const host = url.hostname.toLowerCase().replace(/\.$/, '');
    if (host.startsWith('[')) {
      if (isInternalAddress(host.slice(1, -1))) return { ok: false, reason: 'internal-address' };
    } else if (parseIPv4(host) !== null) {
      if (isInternalAddress(host)) return { ok: false, reason: 'internal-address' };
    } else if (isLocalHostName(host)) return { ok: false, reason: 'internal-host-name' };
  }
  return { ok: true, url: url.toString() };
}

const LOCAL_SUFFIXES = ['.localhost', '.local', '.internal', '.localdomain', '.home.arpa'];

/** `localhost` and the special-use or conventional local names (RFC 6761, 6762, 8375). */
export function isLocalHostName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h === 'localhost.localdomain' || LOCAL_SUFFIXES.some((s) => h.endsWith(s)) || !h.includes('.');
}

/** Dotted-quad IPv4 as a 32-bit number, or null. */
export function parseIPv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const v = Number(p);
    if (v > 255) return null;
    n = n * 256 + v;
  }
  return n;
}

/** IPv6 text (with `::`, optionally an embedded IPv4 tail, optionally a `%zone`) as eight 16-bit groups, or null. */
export function parseIPv6(text: string): number[] | null {
  let t = text.toLowerCase();
  const zone = t.indexOf('%');
  if (zone >= 0) t = t.slice(0, zone);
  if (!/^[0-9a-f:.]+$/.test(t)) return null;
  let tail: number[] = [];
  const lastColon = t.lastIndexOf(':');
  if (t.includes('.')) {
    const v4 = parseIPv4(t.slice(lastColon + 1));
    if (v4 === null) return null;
    tail = [Math.floor(v4 / 65536), v4 % 65536];
    t = `${t.slice(0, lastColon + 1)}0:0`;
  }
  const halves = t.split('::');
  if (halves.length > 2) return null;
  const toGroups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = toGroups(halves[0] ?? '');
  const rest = halves.length === 2 ? toGroups(halves[1] ?? '') : [];
  if ([...head, ...rest].some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest].map((g) => parseInt(g, 16));
  if (tail.length) groups.splice(6, 2, ...tail);
  return groups.length === 8 ? groups : null;
}

const V4_BLOCKS: [string, number][] = [
  ['0.0.0.0', 8], // this network
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

function inV4Block(addr: number, [base, bits]: [string, number]): boolean {
  const b = parseIPv4(base) ?? 0;
  const size = 2 ** (32 - bits);
  return Math.floor(addr / size) === Math.floor(b / size);
}

function isInternalV4(addr: number): boolean {
  return V4_BLOCKS.some((block) => inV4Block(addr, block));
}

function isInternalV6(g: number[]): boolean {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const zeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroTo(7) && (g7 === 0 || g7 === 1)) return true; // :: and ::1
  const v4 = g6 * 65536 + g7;
  if (zeroTo(5) && g5 === 0xffff) return isInternalV4(v4); // IPv4-mapped
  if (zeroTo(6)) return isInternalV4(v4); // IPv4-compatible (deprecated)
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return isInternalV4(v4); // NAT64
  if ((g0 & 0xfe00) === 0xfc00) return true; // unique local fc00::/7
  if ((g0 & 0xffc0) === 0xfe80) return true; // link-local fe80::/10
  if ((g0 & 0xffc0) === 0xfec0) return true; // site-local (deprecated) fec0::/10
  if ((g0 & 0xff00) === 0xff00) return true; // multicast
  if (g0 === 0x2001 && g1 === 0x0db8) return true; // documentation
  if (g0 === 0x0100 && g1 === 0 && g2 === 0 && g3 === 0) return true; // discard-only 100::/64
  return false;
}

/** Whether an IP literal (v4 or v6) is loopback, private, link-local, unique-local or otherwise not on the internet. */
export function isInternalAddress(ip: string): boolean {
  const v4 = parseIPv4(ip);
  if (v4 !== null) return isInternalV4(v4);
  const v6 = parseIPv6(ip);
  if (v6 !== null) return isInternalV6(v6);
  return true; // not an address we can read: refuse rather than guess
}
