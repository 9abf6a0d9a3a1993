// Shared Jest settings for every project: SWC for TypeScript, the @linkages/* aliases, and the ESM-only packages
// (NestJS 12 and friends) compiled to CommonJS so Jest's CommonJS runtime can load them.
const { swcOptions, jestModuleNameMapper } = require('./tools/swc.cjs');

const esmOnlyPackages = ['@nestjs', 'jose', 'file-type', 'strtok3', 'token-types', 'uint8array-extras', '@tokenizer', 'load-esm'];

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.[tj]s$': ['@swc/jest', { ...swcOptions({ rewritePaths: false }), swcrc: false }] },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
  moduleNameMapper: jestModuleNameMapper(),
  moduleFileExtensions: ['ts', 'js', 'json'],
  globalSetup: require('node:path').join(__dirname, 'tools/jest-global-setup.js'),
};
