export * from './lib/keyring';
export * from './lib/field-cipher';
export * from './lib/blind-index';
export * from './lib/personal-data';
