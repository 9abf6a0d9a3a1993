import { createTransport } from 'nodemailer';
import { Mailpit, mailpitSettings, uniqueRecipient } from './mailpit';

// Real e-mail over SMTP (nodemailer) to the local stack's Mailpit, read back through Mailpit's API (Jest's global setup
// starts the stack).
describe('Mailpit (the local stack SMTP server) with nodemailer', () => {
  const { smtpUrl } = mailpitSettings();
  const mailpit = new Mailpit();
  const transport = createTransport(smtpUrl);
  const used: string[] = [];
  const recipient = (label: string) => {
    const address = uniqueRecipient(label);
    used.push(address);
    return address;
  };

  afterAll(async () => {
    for (const address of used) await mailpit.deleteMessagesTo(address);
    transport.close();
  });

  it('accepts the SMTP connection the stack advertises', async () => {
    expect(smtpUrl).toMatch(/^smtps?:\/\//);
    await expect(transport.verify()).resolves.toBe(true);
  });

  it('delivers a message that reads back with its subject, text, addresses and headers', async () => {
    const to = recipient('supervisor');
    const subject = `Overdue: immediate response for referral R-${Date.now()} — level 2 · Überfällig`;
    const text = 'The 24-hour immediate response deadline passed at 09:00.\nAcknowledge: http://127.0.0.1:3004/ack/abc';

    const sent = await transport.sendMail({
      from: 'Linkages notifications <notifications@linkages.test>',
      to: `Pat Supervisor <${to}>`,
      subject,
      text,
      headers: { 'X-Linkages-Escalation': 'esc-123', 'X-Linkages-Level': '2' },
    });
    expect(sent.accepted).toEqual([to]);

    const [summary, ...more] = await mailpit.waitForMessages(to);
    expect(more).toEqual([]);
    expect(summary).toMatchObject({
      Subject: subject,
      From: { Name: 'Linkages notifications', Address: 'notifications@linkages.test' },
      To: [{ Name: 'Pat Supervisor', Address: to }],
      MessageID: sent.messageId.replace(/^<|>$/g, ''),
    });

    const message = await mailpit.message(summary!.ID);
    expect(message.Subject).toBe(subject);
    expect(message.Text.replace(/\r\n/g, '\n').trimEnd()).toBe(text); // SMTP carries lines ending in CRLF
    expect(message.HTML).toBe('');

    const headers = await mailpit.headers(summary!.ID);
    expect(headers['X-Linkages-Escalation']).toEqual(['esc-123']);
    expect(headers['X-Linkages-Level']).toEqual(['2']);
    expect(headers['Message-Id'] ?? headers['Message-ID']).toEqual([sent.messageId]);
    expect(headers['Content-Type']?.[0]).toMatch(/^text\/plain; charset=utf-8/i);

    const raw = await mailpit.raw(summary!.ID);
    expect(raw).toContain('X-Linkages-Escalation: esc-123');
  });

  it('never confuses one recipient’s mail with another’s, even when one address contains the other', async () => {
    const mine = recipient('worker');
    const other = `x${mine}`; // Mailpit's own `to:` search would match both
    used.push(other);

    await transport.sendMail({ from: 'notifications@linkages.test', to: other, subject: 'for the other recipient', text: 'not yours' });
    await transport.sendMail({ from: 'notifications@linkages.test', to: mine, subject: 'for me', text: 'yours' });
    await transport.sendMail({ from: 'notifications@linkages.test', to: other, cc: mine, subject: 'cc to me', text: 'copied' });

    const received = await mailpit.waitForMessages(mine, { count: 2 });
    expect(received.map((m) => m.Subject).sort()).toEqual(['cc to me', 'for me']);
    const theirs = await mailpit.waitForMessages(other, { count: 2 });
    expect(theirs.map((m) => m.Subject).sort()).toEqual(['cc to me', 'for the other recipient']);

    expect(await mailpit.deleteMessagesTo(mine)).toBe(2);
    expect(await mailpit.messagesTo(mine)).toEqual([]);
    expect((await mailpit.messagesTo(other)).map((m) => m.Subject)).toEqual(['for the other recipient']);
  });

  it('reports a recipient who received nothing as empty, and a wait for mail that never comes as a clear error', async () => {
    const nobody = recipient('nobody');

    expect(await mailpit.messagesTo(nobody)).toEqual([]);
    expect(await mailpit.deleteMessagesTo(nobody)).toBe(0);
    await expect(mailpit.waitForMessages(nobody, { timeoutMs: 300 })).rejects.toThrow(
      `Mailpit holds 0 message(s) for ${nobody}, expected 1, after 300 ms`,
    );
    await expect(mailpit.messagesTo('not an address')).rejects.toThrow(/not a plain e-mail address/);
  });
});
