import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An acknowledgment-link nonce already used (links are single-use). */
@Entity({ name: 'used_ack_nonces' })
export class UsedAckNonceEntity {
  @PrimaryColumn('text') nonce!: string;
  @Column('timestamptz') usedAt!: Date;
}
