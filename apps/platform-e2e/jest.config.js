// End-to-end scenarios (*.e2e-spec.ts: `npm start` itself, a stack restart) and repo-level integration checks
// (*.integration-spec.ts). `npm test` runs the e2e files after all other tests, one at a time, because they use
// fixed ports and restart the stack.
module.exports = {
  displayName: 'platform-e2e',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts', '<rootDir>/src/**/*.integration-spec.ts', '<rootDir>/src/**/*.spec.ts'],
};
