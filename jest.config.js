// Every project's tests in one Jest run (npm test uses it); `npx jest --selectProjects <name>` narrows it.
// Each project folder (apps/*, libs/<scope>/<lib>, libs/platform/deadlines/<lib>) holds its own jest.config.js
// built on jest.preset.js.
const { existsSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

/** Folders below `parent` (up to `depth` levels) that hold a jest.config.js; a project's own folders are not searched. */
const projectDirs = (parent, depth) => {
  if (depth === 0 || !existsSync(join(__dirname, parent))) return [];
  return readdirSync(join(__dirname, parent), { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'node_modules' && d.name !== 'src')
    .flatMap((d) => {
      const dir = join(parent, d.name);
      return existsSync(join(__dirname, dir, 'jest.config.js')) ? [dir] : projectDirs(dir, depth - 1);
    });
};

module.exports = {
  // Global options apply to the whole multi-project run (project configs cannot set them).
  testTimeout: 60_000,
  projects: [...projectDirs('apps', 1), ...projectDirs('libs', 3)].map((dir) => `<rootDir>/${dir}`),
};
