// The workflows this service's worker runs; bundled by `npm run build` into dist/workflow-bundles/child-welfare.js.
export * from '@linkages/platform-workflows';
