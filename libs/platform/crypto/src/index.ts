export * from './lib/keyring';
export * from './lib/field-cipher';
export * from './lib/blind-index';
export * from './lib/personal-data';
export * from './lib/match/normalize-name';
export * from './lib/match/nicknames';
export * from './lib/match/nysiis';
export * from './lib/match/match-keys';
