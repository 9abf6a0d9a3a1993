/**
 * The match keys of one person as referrals compares them (structurally the contracts' `MatchKeySet`): keyed HMAC
 * tokens of the normalized SSN, date-of-birth variants and name parts, and keyed bigram Bloom filters (base64) of the
 * names for typo tolerance. Tokens only: no plaintext identifier can be recovered from them without the key.
 */
export interface MatchKeySetShape {
  keyId?: string;
  ssn?: string | null;
  dob?: { full: string; swap: string; ym: string; md: string; yd: string };
  first: { exact: string; canonical: string; phonetic: string; bloom: string };
  last: { exact: string; parts: string[]; phonetic: string[]; bloom: string };
  blocking: string[];
}
