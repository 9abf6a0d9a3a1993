// One SWC configuration for the build (tools/build.mjs) and for Jest (@swc/jest): TypeScript with legacy decorators
// and decorator metadata (NestJS, TypeORM), compiled to CommonJS. The @linkages/* path aliases from
// tsconfig.base.json are rewritten to relative paths at compile time, so the output runs with plain `node`.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));

function swcOptions({ rewritePaths = true } = {}) {
  return {
    $schema: 'https://swc.rs/schema.json',
    sourceMaps: true,
    module: { type: 'commonjs', strict: true },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
      ...(rewritePaths ? { baseUrl: root, paths: compilerOptions.paths } : {}),
    },
  };
}

/** Jest moduleNameMapper entries for the @linkages/* aliases. */
function jestModuleNameMapper() {
  return Object.fromEntries(Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, join(root, target)]));
}

module.exports = { swcOptions, jestModuleNameMapper, root };
