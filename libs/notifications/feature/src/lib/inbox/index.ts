export * from './notifications-inbox.module';
export { InboxStreamPoller, INBOX_STREAM_OPTIONS, defaultInboxStreamOptions, type InboxStreamOptions } from './inbox-stream.poller';
