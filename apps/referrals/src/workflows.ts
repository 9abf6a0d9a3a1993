// The workflows this service's worker runs; bundled by `npm run build` into dist/workflow-bundles/referrals.js.
export * from '@linkages/platform-workflows';
