import { Inject, Injectable } from '@nestjs/common';
import { maskSsn, type BlindIndex } from './blind-index';
import type { FieldCipher } from './field-cipher';

/** AES-GCM cipher for personal data at rest (FIELD_ENCRYPTION_KEYS). */
export const FIELD_CIPHER = Symbol('FIELD_CIPHER');
/** Keyed blind index for matching SSNs and dates of birth without storing them in clear (BLIND_INDEX_KEY). */
export const BLIND_INDEX = Symbol('BLIND_INDEX');

/** A person's date of birth and SSN as stored: ciphertext bound to the record, plus blind indexes for matching. */
export interface ProtectedIdentifiers {
  dobEncrypted: string;
  dobIndex: string;
  ssnEncrypted: string | null;
  ssnIndex: string | null;
}

/**
 * The one way services store and show SSNs and dates of birth. `scope` names the table (`referrals.member`,
 * `child_welfare.person`) and, with the record id, is bound to the ciphertext, so a value copied to another record
 * does not decrypt. Shown SSNs are always masked.
 */
@Injectable()
export class PersonalData {
  constructor(
    @Inject(FIELD_CIPHER) private readonly cipher: FieldCipher,
    @Inject(BLIND_INDEX) private readonly blindIndex: BlindIndex,
  ) {}

  protect(scope: string, recordId: string, person: { dateOfBirth: string; ssn?: string | undefined }): ProtectedIdentifiers {
    return {
      dobEncrypted: this.cipher.encrypt(person.dateOfBirth, `${scope}.dob:${recordId}`),
      dobIndex: this.blindIndex.date(person.dateOfBirth),
      ssnEncrypted: person.ssn ? this.cipher.encrypt(person.ssn, `${scope}.ssn:${recordId}`) : null,
      ssnIndex: person.ssn ? this.blindIndex.ssn(person.ssn) : null,
    };
  }

  reveal(
    scope: string,
    recordId: string,
    stored: Pick<ProtectedIdentifiers, 'dobEncrypted' | 'ssnEncrypted'>,
  ): { dateOfBirth: string; ssnMasked: string | null } {
    return {
      dateOfBirth: this.cipher.decrypt(stored.dobEncrypted, `${scope}.dob:${recordId}`),
      ssnMasked: stored.ssnEncrypted ? maskSsn(this.cipher.decrypt(stored.ssnEncrypted, `${scope}.ssn:${recordId}`)) : null,
    };
  }

  /** Blind indexes of the identifiers a search gives (null for the ones it does not). */
  indexes(search: { ssn?: string | undefined; dateOfBirth?: string | undefined }): { ssnIndex: string | null; dobIndex: string | null } {
    return {
      ssnIndex: search.ssn ? this.blindIndex.ssn(search.ssn) : null,
      dobIndex: search.dateOfBirth ? this.blindIndex.date(search.dateOfBirth) : null,
    };
  }
}
