// Every project's tests in one Jest run (npm test uses it); `npx jest --selectProjects <name>` narrows it.
// Each project folder holds its own jest.config.js built on jest.preset.js.
const { existsSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const projectDirs = (parent, depth) =>
  !existsSync(join(__dirname, parent))
    ? []
    : readdirSync(join(__dirname, parent), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .flatMap((d) => (depth > 1 ? projectDirs(join(parent, d.name), depth - 1) : [join(parent, d.name)]))
        .filter((dir) => depth > 1 || existsSync(join(__dirname, dir, 'jest.config.js')));

module.exports = {
  // Global options apply to the whole multi-project run (project configs cannot set them).
  testTimeout: 60_000,
  projects: [...projectDirs('apps', 1), ...projectDirs('libs', 2)].map((dir) => `<rootDir>/${dir}`),
};
