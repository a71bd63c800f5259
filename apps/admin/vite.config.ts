import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

const apiTarget = 'http://127.0.0.1:3000';

// The API checks `Origin` on state-changing panel requests (SPEC decided detail 14). In development the
// page lives on Vite's port, so the proxy presents the request as same-origin to the API.
const proxyToApi: ProxyOptions = {
  target: apiTarget,
  changeOrigin: true,
  configure: (proxy) => {
    proxy.on('proxyReq', (request) => {
      if (request.getHeader('origin')) request.setHeader('origin', apiTarget);
    });
  },
};

export default defineConfig({
  plugins: [react()],
  // Relative asset URLs: the API may serve the built panel from any path (hash router, no server routes).
  base: './',
  resolve: {
    alias: {
      '@floor-os/personas': fileURLToPath(new URL('../../libs/personas/src/index.ts', import.meta.url)),
      '@floor-os/contracts': fileURLToPath(new URL('../../libs/contracts/src/index.ts', import.meta.url)),
      '@floor-os/onboarding': fileURLToPath(new URL('../../libs/onboarding/src/index.ts', import.meta.url)),
      '@floor-os/reports': fileURLToPath(new URL('../../libs/reports/src/index.ts', import.meta.url)),
      // Only the catalogue and zone tables of libs/rules (what libs/reports reads): the engine's phone and ZIP
      // data stay out of the bundle.
      '@floor-os/rules/tables': fileURLToPath(new URL('../../libs/rules/src/tables.ts', import.meta.url)),
      // Only the CSV writer of libs/formats: the parsers need Node's streams.
      '@floor-os/formats/csv-writer': fileURLToPath(new URL('../../libs/formats/src/csv-writer.ts', import.meta.url)),
      // Their browser builds (with their own Buffer): the package's default entry expects Node's Buffer.
      'csv-stringify/sync': fileURLToPath(new URL('../../node_modules/csv-stringify/dist/esm/sync.js', import.meta.url)),
      'csv-parse/sync': fileURLToPath(new URL('../../node_modules/csv-parse/dist/esm/sync.js', import.meta.url)),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: {
      '/api': proxyToApi,
      '/health': proxyToApi,
      '/metrics': proxyToApi,
      '/sys': proxyToApi,
    },
  },
});
