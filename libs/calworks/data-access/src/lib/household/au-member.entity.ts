import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MemberRole } from '@linkages/calworks-domain';
import { ProtectedPersonColumns } from '@linkages/platform-persistence';

/** The scope bound to a member's ciphertexts (with the member's id): a value copied to another record does not decrypt. */
export const AU_MEMBER_SCOPE = 'calworks.au_member';

/** A member of an Assistance Unit: needy or not, aided or not. Date of birth and SSN only encrypted, with blind indexes. */
@Entity({ name: 'au_members' })
export class AuMemberEntity extends ProtectedPersonColumns {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') auId!: string;
  declare role: MemberRole;
  /** The member's needs are counted in the AU (a non-needy caretaker relative's are not). */
  @Column('boolean') needy!: boolean;
  @Column('boolean') aided!: boolean;
  @Column('int') position!: number;
}
