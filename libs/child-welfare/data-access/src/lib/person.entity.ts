import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PersonRole } from '@linkages/child-welfare-domain';
import { ProtectedPersonColumns } from '@linkages/platform-persistence';

/** The scope bound to a person's ciphertexts (with the person's id): a value copied to another record does not decrypt. */
export const PERSON_SCOPE = 'child_welfare.person';

/** A family member. Date of birth and SSN only encrypted, with blind indexes (ProtectedPersonColumns). */
@Entity({ name: 'persons' })
export class PersonEntity extends ProtectedPersonColumns {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') familyId!: string;
  declare role: PersonRole;
  /** Indian Child Welfare Act applies (first CFT within 30 days). */
  @Column('boolean') icwa!: boolean;
  @Column('int') position!: number;
}
