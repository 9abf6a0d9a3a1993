import { checkWebhookUrl, isInternalAddress, parseIPv6 } from './webhook-url';

const prod = { development: false };
const dev = { development: true };

describe('checkWebhookUrl', () => {
  it('accepts a public https URL, normalized', () => {
    expect(checkWebhookUrl('https://hooks.example.org/linkages?x=1', prod)).toEqual({
      ok: true,
      url: 'https://hooks.example.org/linkages?x=1',
    });
    expect(checkWebhookUrl('https://[2606:4700::1111]/h', prod).ok).toBe(true);
    expect(checkWebhookUrl('https://8.8.8.8/h', prod).ok).toBe(true);
  });

  it.each([
    ['http://hooks.example.org/h', 'not-https'],
    ['ftp://hooks.example.org/h', 'not-https'],
    ['hooks.example.org/h', 'not-a-url'],
    ['', 'not-a-url'],
    ['https://user:pw@hooks.example.org/h', 'credentials-in-url'],
    ['https://hooks.example.org/h#x', 'fragment-in-url'],
    [`https://hooks.example.org/${'a'.repeat(2100)}`, 'too-long'],
    ['https://127.0.0.1/h', 'internal-address'],
    ['https://127.1.2.3:8443/h', 'internal-address'],
    ['https://0x7f.1/h', 'internal-address'],
    ['https://2130706433/h', 'internal-address'],
    ['https://10.1.2.3/h', 'internal-address'],
    ['https://172.16.0.1/h', 'internal-address'],
    ['https://172.31.255.255/h', 'internal-address'],
    ['https://192.168.1.10/h', 'internal-address'],
    ['https://169.254.169.254/latest/meta-data', 'internal-address'],
    ['https://100.64.0.1/h', 'internal-address'],
    ['https://0.0.0.0/h', 'internal-address'],
    ['https://224.0.0.1/h', 'internal-address'],
    ['https://[::1]/h', 'internal-address'],
    ['https://[::]/h', 'internal-address'],
    ['https://[fe80::1]/h', 'internal-address'],
    ['https://[fd12:3456:789a::1]/h', 'internal-address'],
    ['https://[fc00::1]/h', 'internal-address'],
    ['https://[ff02::1]/h', 'internal-address'],
    ['https://[::ffff:127.0.0.1]/h', 'internal-address'],
    ['https://[::ffff:10.0.0.1]/h', 'internal-address'],
    ['https://[64:ff9b::192.168.0.1]/h', 'internal-address'],
    ['https://localhost/h', 'internal-host-name'],
    ['https://LOCALHOST./h', 'internal-host-name'],
    ['https://api.localhost/h', 'internal-host-name'],
    ['https://printer.local/h', 'internal-host-name'],
    ['https://metadata.google.internal/h', 'internal-host-name'],
    ['https://intranet/h', 'internal-host-name'],
  ])('refuses %s outside development (%s)', (url, reason) => {
    expect(checkWebhookUrl(url, prod)).toEqual({ ok: false, reason });
  });

  it('accepts a local http receiver in development, but still no credentials or non-http schemes', () => {
    expect(checkWebhookUrl('http://127.0.0.1:34567/hook', dev)).toEqual({ ok: true, url: 'http://127.0.0.1:34567/hook' });
    expect(checkWebhookUrl('http://localhost:3000/hook', dev).ok).toBe(true);
    expect(checkWebhookUrl('https://[::1]:3000/hook', dev).ok).toBe(true);
    expect(checkWebhookUrl('ftp://127.0.0.1/hook', dev)).toEqual({ ok: false, reason: 'not-https' });
    expect(checkWebhookUrl('http://u:p@127.0.0.1/hook', dev)).toEqual({ ok: false, reason: 'credentials-in-url' });
  });
});

describe('isInternalAddress', () => {
  it('tells public from internal addresses, v4 and v6', () => {
    for (const ip of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '192.169.0.1', '2606:4700::1111', '2a00:1450:4001::200e'])
      expect([ip, isInternalAddress(ip)]).toEqual([ip, false]);
    for (const ip of ['127.0.0.1', '10.0.0.1', '::1', 'fe80::1%eth0', '::ffff:7f00:1', '::ffff:192.168.0.1', 'fdff::1', 'not-an-ip'])
      expect([ip, isInternalAddress(ip)]).toEqual([ip, true]);
  });

  it('parses IPv6 forms', () => {
    expect(parseIPv6('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIPv6('2001:db8::8:800:200c:417a')).toEqual([0x2001, 0xdb8, 0, 0, 8, 0x800, 0x200c, 0x417a]);
    expect(parseIPv6('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]);
    expect(parseIPv6('1:2:3:4:5:6:7:8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(parseIPv6('1::2::3')).toBeNull();
    expect(parseIPv6('1:2:3')).toBeNull();
    expect(parseIPv6('12345::')).toBeNull();
  });
});
