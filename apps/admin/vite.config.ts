import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';

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

const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|xml|wasm)$/;

/**
 * Writes `<file>.br` and `<file>.gz` beside each text file of the build (when smaller than the file), once, at
 * the highest levels. The API serves them to browsers that accept them (`@fastify/static`'s `preCompressed`),
 * so no request pays for compressing the panel.
 */
function precompress(): Plugin {
  const brotli = promisify(brotliCompress);
  const gzipped = promisify(gzip);
  return {
    name: 'floor-os:precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const outDir = options.dir ?? 'dist';
      await Promise.all(
        Object.keys(bundle)
          .filter((file) => COMPRESSIBLE.test(file))
          .map(async (file) => {
            const path = join(outDir, file);
            const content = await readFile(path);
            const params = {
              [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
              [zlib.BROTLI_PARAM_SIZE_HINT]: content.length,
            };
            const variants: [string, Buffer][] = [
              ['.br', await brotli(content, { params })],
              ['.gz', await gzipped(content, { level: zlib.Z_BEST_COMPRESSION })],
            ];
            for (const [suffix, compressed] of variants) {
              if (compressed.length < content.length) await writeFile(path + suffix, compressed);
            }
          }),
      );
    },
  };
}

export default defineConfig({
  plugins: [react(), precompress()],
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
      'csv-stringify/sync': fileURLToPath(
        new URL('../../node_modules/csv-stringify/dist/esm/sync.js', import.meta.url),
      ),
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
