import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An agency's webhook endpoint: at most two secrets (current, previous during a rotation). */
@Entity({ name: 'webhook_endpoints' })
export class WebhookEndpointEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') agency!: string;
  @Column('text') countyCode!: string;
  @Column('text') url!: string;
  /** `whsec_` secrets as FieldCipher ciphertexts (the endpoint id in the associated data), current first; see WebhookEndpointRepository. */
  @Column('text', { array: true }) secrets!: string[];
  @Column('text', { array: true }) eventTypes!: string[];
  @Column('boolean', { default: true }) enabled!: boolean;
  @Column('integer', { default: 0 }) consecutiveFailures!: number;
  @Column('text', { nullable: true }) disabledReason!: string | null;
  @Column('timestamptz', { nullable: true }) disabledAt!: Date | null;
  @Column('timestamptz') createdAt!: Date;
}
