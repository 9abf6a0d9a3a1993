/// <reference types="vite/client" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** `nx serve console` (Vite's dev server): /config.json the way `npm start` serves it (tools/console-server.mjs). */
const devConfig = (): Plugin => ({
  name: 'linkages-console-config',
  configureServer(server) {
    server.middlewares.use('/config.json', (_req, res) => {
      void import('../../tools/console-server.mjs').then(({ consoleConfig }) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(consoleConfig(Number(process.env.LINKAGES_PORT_OFFSET ?? 0))));
      });
    });
  },
});

export default defineConfig({
  root: import.meta.dirname,
  cacheDir: '../../node_modules/.vite/apps/console',
  plugins: [react(), devConfig()],
  server: { host: '127.0.0.1', port: 4200, strictPort: true },
  preview: { host: '127.0.0.1', port: 4200, strictPort: true },
  build: {
    outDir: '../../dist/apps/console',
    emptyOutDir: true,
    sourcemap: true,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1500,
  },
});
