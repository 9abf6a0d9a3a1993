import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { SERVICE_CONFIG, type ServiceConfig } from '@linkages/platform-config';
import { refusedWrite } from '@linkages/platform-http';
import { UsedAckNonceEntity } from '@linkages/notifications-data-access';
import { verifyAckLink, type AckLinkPayload, type Mac } from '@linkages/notifications-domain';
import { ackLinkMacFrom } from '@linkages/notifications-activities';
import { EscalationAudit } from './escalation-audit';
import { EscalationHandles } from './escalation-handles';
import { ackLinkUnusable } from './escalation.problems';
import { escalationResponseOf } from './escalation.view';
import type { EscalationResponse } from './escalation.schemas';

/**
 * The acknowledgment link in a message: signed (HMAC-SHA256 under ACK_LINK_KEY), expiring and single-use. Opening it
 * changes nothing (mail scanners follow links); confirming it (POST) acknowledges as the person it was sent to, once.
 */
@Injectable()
export class AcknowledgeByLinkCommand {
  private readonly mac: Mac;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    private readonly handles: EscalationHandles,
    private readonly audit: EscalationAudit,
  ) {
    this.mac = ackLinkMacFrom(config);
  }

  /** What the link is for, checked but not used (the confirmation page). */
  inspect(token: string): AckLinkPayload {
    const checked = verifyAckLink(token, this.mac, new Date());
    if (!checked.ok)
      throw refusedWrite(ackLinkUnusable, `The acknowledgment link is ${checked.reason === 'expired' ? 'expired' : 'not valid'}`);
    return checked.payload;
  }

  async execute(token: string, correlationId: string): Promise<EscalationResponse> {
    const link = this.inspect(token);
    const row = await this.handles.rowOfEscalation(link.escalationId);
    if (!row) throw refusedWrite(ackLinkUnusable, 'The escalation of this link does not exist');
    const actor = { actorSubject: `staff:${link.staffId}`, actorRoles: ['ack-link'], actorCounty: row.countyCode };
    try {
      // The nonce is spent in the same transaction as the acknowledgment is accepted: a refused one leaves the link usable.
      const read = await this.dataSource.transaction(async (tx) => {
        const spent = await tx
          .createQueryBuilder()
          .insert()
          .into(UsedAckNonceEntity)
          .values({ nonce: link.nonce, usedAt: new Date() })
          .orIgnore()
          .returning('nonce')
          .execute();
        if ((spent.raw as unknown[]).length === 0) throw refusedWrite(ackLinkUnusable, 'The acknowledgment link was used already');
        return this.handles.acknowledge(row, { by: link.staffId, via: 'link' });
      });
      await this.audit.record(actor, 'update', row, 'acknowledge-escalation', 'allowed', correlationId, {
        level: read.view.level,
        via: 'link',
      });
      return escalationResponseOf(read);
    } catch (error) {
      await this.audit.record(actor, 'update', row, 'acknowledge-escalation', 'denied', correlationId, { via: 'link' });
      throw error;
    }
  }
}
