import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What an endpoint's row lacks for rotation and the disable policy: when the previous secret stops signing, and since when it fails. */
@Entity({ name: 'webhook_endpoint_states' })
export class WebhookEndpointStateEntity {
  @PrimaryColumn('uuid') endpointId!: string;
  /** The second secret of `secrets` signs until then (24 h after a rotation); null: no previous secret. */
  @Column('timestamptz', { nullable: true }) previousSecretExpiresAt!: Date | null;
  /** The first failed attempt of the current run of failures; null after a success. */
  @Column('timestamptz', { nullable: true }) failingSince!: Date | null;
  @Column('timestamptz', { nullable: true }) lastDeliveredAt!: Date | null;
  @Column('timestamptz') updatedAt!: Date;
}
