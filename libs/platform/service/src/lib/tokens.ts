export const LOGGER = Symbol('LOGGER');
export const KAFKA = Symbol('KAFKA');
export const TEMPORAL = Symbol('TEMPORAL');
/** AES-GCM cipher for personal data at rest (FIELD_ENCRYPTION_KEYS). */
export const FIELD_CIPHER = Symbol('FIELD_CIPHER');
/** Keyed blind index for matching SSNs and dates of birth without storing them in clear (BLIND_INDEX_KEY). */
export const BLIND_INDEX = Symbol('BLIND_INDEX');
