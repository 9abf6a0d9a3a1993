import { Column } from 'typeorm';

/**
 * The columns every person record shares across services (child welfare's persons, referrals' members, CalWORKs'
 * AU members): name, role, and the date of birth and SSN stored only as ciphertext (`f1.` keyring format) with
 * blind indexes for matching (see PersonalData in platform-crypto). Entities extend it; migrations write
 * `protectedPersonColumnsDdl()` into their CREATE TABLE, so the entity and its table are defined in one place.
 */
export abstract class ProtectedPersonColumns {
  @Column('text') role!: string;
  @Column('text') firstName!: string;
  @Column('text') lastName!: string;
  @Column('text') dobEncrypted!: string;
  @Column('text') dobIndex!: string;
  @Column('text', { nullable: true }) ssnEncrypted!: string | null;
  @Column('text', { nullable: true }) ssnIndex!: string | null;
}

/** The roles a person record may have. */
export const personRoles = ['parent', 'child', 'caregiver'] as const;

/** The DDL of ProtectedPersonColumns, for a CREATE TABLE column list (no trailing comma). */
export function protectedPersonColumnsDdl(roles: readonly string[] = personRoles): string {
  return [
    `role text NOT NULL CHECK (role IN (${roles.map((r) => `'${r.replace(/'/g, "''")}'`).join(', ')}))`,
    'first_name text NOT NULL',
    'last_name text NOT NULL',
    "dob_encrypted text NOT NULL CHECK (dob_encrypted LIKE 'f1.%')",
    'dob_index text NOT NULL',
    "ssn_encrypted text CHECK (ssn_encrypted LIKE 'f1.%')",
    'ssn_index text',
  ].join(',\n        ');
}

/**
 * The blind-index lookups of a person table: SSN (partial, most have none) and date of birth. `name` prefixes
 * the index names (`persons` → `persons_ssn_index`).
 */
export function protectedPersonIndexesDdl(qualifiedTable: string, name: string, { dob = true }: { dob?: boolean } = {}): string[] {
  return [
    `CREATE INDEX ${name}_ssn_index ON ${qualifiedTable} (ssn_index) WHERE ssn_index IS NOT NULL`,
    ...(dob ? [`CREATE INDEX ${name}_dob_index ON ${qualifiedTable} (dob_index)`] : []),
  ];
}
