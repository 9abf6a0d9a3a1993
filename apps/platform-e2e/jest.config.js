// End-to-end scenarios: built service processes and the stack itself. `npm test` runs them after the other tests,
// one file at a time, because they start services on fixed ports and restart the stack.
module.exports = {
  displayName: 'platform-e2e',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
};
