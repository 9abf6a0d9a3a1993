import { createHmac } from 'node:crypto';
import { ackLinkMacFrom } from './delivery-activities.provider';

describe('ackLinkMacFrom', () => {
  it('refuses to start without ACK_LINK_KEY, with what is missing', () => {
    expect(() => ackLinkMacFrom({ ACK_LINK_KEY: undefined })).toThrow(/ACK_LINK_KEY is not set/);
  });

  it('is HMAC-SHA256 under the decoded 32-byte key', () => {
    const key = Buffer.alloc(32, 7);
    const mac = ackLinkMacFrom({ ACK_LINK_KEY: key.toString('base64') });
    expect(Buffer.from(mac('payload')).toString('hex')).toBe(createHmac('sha256', key).update('payload').digest('hex'));
    expect(Buffer.from(mac('payload')).toString('hex')).not.toBe(createHmac('sha256', 'other').update('payload').digest('hex'));
  });
});
