// The console's pure logic (dates, SLA bands, report CSV) as unit tests; its pages are tested in Chromium
// (apps/platform-e2e/src/console.e2e-spec.ts).
module.exports = {
  displayName: 'console',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
