// Jest globalSetup: the real local stack runs before any test file (a no-op when `npm test` already started it).
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = function globalSetup() {
  if (process.env.LINKAGES_STACK_READY === '1') return;
  execFileSync(process.execPath, [join(__dirname, 'stack', 'cli.mjs'), 'up'], { stdio: 'inherit' });
  process.env.LINKAGES_STACK_READY = '1';
};
