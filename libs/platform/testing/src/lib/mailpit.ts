import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stackDir, uniqueSuffix } from './stack-env';

// A client for the local stack's Mailpit (tools/stack/components/mailpit.mjs): the SMTP server services deliver e-mail
// to, whose API lets a test read what was delivered. Mailpit's own search matches addresses by substring, so every
// lookup here filters by the exact recipient address: a test sees only its own recipient's mail.

export interface MailAddress {
  Name: string;
  Address: string;
}

/** What Mailpit says of a message both in a list and in full. */
interface MailHead {
  ID: string;
  MessageID: string;
  From: MailAddress | null;
  To: MailAddress[] | null;
  Cc: MailAddress[] | null;
  Bcc: MailAddress[] | null;
  ReplyTo: MailAddress[] | null;
  Subject: string;
  Size: number;
  Tags: string[];
}

/** One message as Mailpit lists it (GET /api/v1/search). */
export interface MailSummary extends MailHead {
  /** When Mailpit received it (RFC 3339). */
  Created: string;
  Snippet: string;
  Attachments: number;
}

/** One message in full (GET /api/v1/message/{id}): the decoded text and HTML parts. */
export interface MailMessage extends MailHead {
  ReturnPath: string;
  /** The message's Date header (RFC 3339). */
  Date: string;
  /** The text part, decoded; its lines end in CRLF as SMTP carried them. */
  Text: string;
  HTML: string;
  Attachments: { PartID: string; FileName: string; ContentType: string; Size: number }[];
}

interface SearchPage {
  messages: MailSummary[] | null;
  messages_count: number;
  start: number;
}

/** SMTP_URL and MAILPIT_URL of the running stack (written by `npm run stack -- up`); the environment overrides them. */
export function mailpitSettings(): { smtpUrl: string; apiUrl: string } {
  const file = join(stackDir(), 'stack.env');
  const fromFile: Record<string, string> = {};
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const m = /^(SMTP_URL|MAILPIT_URL)=(.*)$/.exec(line.trim());
      if (m?.[1] && m[2]) fromFile[m[1]] = m[2];
    }
  }
  const smtpUrl = process.env['SMTP_URL'] ?? fromFile['SMTP_URL'];
  const apiUrl = process.env['MAILPIT_URL'] ?? fromFile['MAILPIT_URL'];
  if (!smtpUrl || !apiUrl) {
    throw new Error(
      `Mailpit is not in the local stack (${[!smtpUrl && 'SMTP_URL', !apiUrl && 'MAILPIT_URL'].filter(Boolean).join(', ')} unknown). Run \`npm run stack -- up\`.`,
    );
  }
  return { smtpUrl, apiUrl: apiUrl.replace(/\/+$/, '') };
}

/** A recipient address no other test (or run) uses, on the reserved `.test` domain. */
export function uniqueRecipient(label = 'test'): string {
  return `${label}-${uniqueSuffix()}@linkages.test`;
}

const addressed = (m: MailSummary, recipient: string): boolean =>
  [...(m.To ?? []), ...(m.Cc ?? []), ...(m.Bcc ?? [])].some((a) => a.Address.toLowerCase() === recipient.toLowerCase());

export class Mailpit {
  constructor(readonly apiUrl: string = mailpitSettings().apiUrl) {}

  /** Every message addressed (To, Cc or Bcc) to exactly this recipient, oldest first. */
  async messagesTo(recipient: string): Promise<MailSummary[]> {
    if (!/^[^\s@"]+@[^\s@"]+$/.test(recipient)) throw new Error(`'${recipient}' is not a plain e-mail address`);
    const found: MailSummary[] = [];
    for (let start = 0; ;) {
      const page = await this.request<SearchPage>(
        'GET',
        `/api/v1/search?${new URLSearchParams({ query: `to:${recipient}`, start: String(start), limit: '200' })}`,
      );
      const messages = page.messages ?? [];
      found.push(...messages.filter((m) => addressed(m, recipient)));
      start += messages.length;
      if (messages.length === 0 || start >= page.messages_count) break;
    }
    return found.sort((a, b) => a.Created.localeCompare(b.Created));
  }

  /** Waits until at least `count` messages for the recipient have arrived (delivery is asynchronous), then returns them. */
  async waitForMessages(recipient: string, { count = 1, timeoutMs = 15_000 } = {}): Promise<MailSummary[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const messages = await this.messagesTo(recipient);
      if (messages.length >= count) return messages;
      if (Date.now() >= deadline) {
        throw new Error(`Mailpit holds ${messages.length} message(s) for ${recipient}, expected ${count}, after ${timeoutMs} ms`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** One message in full: subject, addresses, the decoded text and HTML bodies. */
  message(id: string): Promise<MailMessage> {
    return this.request('GET', `/api/v1/message/${encodeURIComponent(id)}`);
  }

  /** A message's headers as sent (names as in the message, each with all its values). */
  headers(id: string): Promise<Record<string, string[]>> {
    return this.request('GET', `/api/v1/message/${encodeURIComponent(id)}/headers`);
  }

  /** The message source (RFC 5322) as received over SMTP. */
  async raw(id: string): Promise<string> {
    const res = await fetch(`${this.apiUrl}/api/v1/message/${encodeURIComponent(id)}/raw`, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`Mailpit GET raw ${id}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
    return res.text();
  }

  /** Deletes the recipient's messages (exactly that address; others' mail is left alone); returns how many. */
  async deleteMessagesTo(recipient: string): Promise<number> {
    const ids = (await this.messagesTo(recipient)).map((m) => m.ID);
    // An empty ID list would ask Mailpit to delete every message in the mailbox: never send one.
    if (ids.length > 0) await this.request('DELETE', '/api/v1/messages', { IDs: ids });
    return ids.length;
  }

  /** Mailpit's version and mailbox totals (GET /api/v1/info). */
  info(): Promise<{ Version: string; Messages: number; Unread: number; Database: string }> {
    return this.request('GET', '/api/v1/info');
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.apiUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`Mailpit ${method} ${path}: HTTP ${res.status} ${text.slice(0, 200)}`);
    return (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T;
  }
}
