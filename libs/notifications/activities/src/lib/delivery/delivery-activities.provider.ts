import { createHmac } from 'node:crypto';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createTransport } from 'nodemailer';
import { Context } from '@temporalio/activity';
import type { ActivitiesProvider } from '@linkages/platform-temporal';
import { Counter, type Registry } from 'prom-client';
import { MessagingMetrics, OutboxWriter } from '@linkages/platform-messaging';
import { SERVICE_CONFIG, type ServiceConfig } from '@linkages/platform-config';
import { RECIPIENT_DIRECTORY, type Mac, type RecipientDirectory } from '@linkages/notifications-domain';
import { createDeliveryActivities, type DeliveryMetrics } from './delivery-activities';

export const DELIVERY_ACTIVITIES = Symbol('DELIVERY_ACTIVITIES');

/** HMAC-SHA256 under ACK_LINK_KEY; refuses to start without the key (ack links could not be signed). */
export function ackLinkMacFrom(config: Pick<ServiceConfig, 'ACK_LINK_KEY'>): Mac {
  if (!config.ACK_LINK_KEY) throw new Error('ACK_LINK_KEY is not set: notifications cannot sign acknowledgment links (base64, 32 bytes)');
  const key = Buffer.from(config.ACK_LINK_KEY, 'base64');
  return (data) => createHmac('sha256', key).update(data).digest();
}

/** Delivery counters on the service's registry (the worker's /metrics): outcomes per channel, and fallbacks. */
export function deliveryMetricsOn(registry: Registry): DeliveryMetrics {
  const counter = (name: string, help: string, labelNames: string[]) =>
    (registry.getSingleMetric(name) as Counter<string> | undefined) ?? new Counter({ name, help, labelNames, registers: [registry] });
  const outcomes = counter('linkages_notification_deliveries_total', 'Notification deliveries by channel and outcome', [
    'channel',
    'outcome',
  ]);
  const fallbacks = counter(
    'linkages_notification_fallbacks_total',
    'Notifications whose channel failed for good and fell back to another',
    ['from', 'to'],
  );
  return {
    outcome: (channel, outcome) => outcomes.inc({ channel, outcome }),
    fellBack: (from, to) => fallbacks.inc({ from, to }),
  };
}

/** deliverNotification for the notifications worker: nodemailer over SMTP_URL (absent: e-mail skipped). */
export const deliveryActivitiesProvider: ActivitiesProvider = {
  provide: DELIVERY_ACTIVITIES,
  inject: [getDataSourceToken(), RECIPIENT_DIRECTORY, SERVICE_CONFIG, OutboxWriter, MessagingMetrics],
  useFactory: (ds: DataSource, directory: RecipientDirectory, config: ServiceConfig, outbox: OutboxWriter, metrics: MessagingMetrics) =>
    createDeliveryActivities({
      ds,
      outbox,
      directory,
      mailer: config.SMTP_URL ? createTransport(config.SMTP_URL) : null,
      mailFrom: config.MAIL_FROM,
      mac: ackLinkMacFrom(config),
      publicBaseUrl: config.PUBLIC_BASE_URL,
      timeZoneOf: () => 'America/Los_Angeles',
      metrics: deliveryMetricsOn(metrics.registry),
      attempt: () => Context.current().info.attempt,
    }),
};
