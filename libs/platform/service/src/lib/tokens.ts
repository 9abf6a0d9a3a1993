export const LOGGER = Symbol('LOGGER');
export const KAFKA = Symbol('KAFKA');
export const TEMPORAL = Symbol('TEMPORAL');
