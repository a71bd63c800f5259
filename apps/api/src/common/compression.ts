import type { FastifyCompressOptions } from '@fastify/compress';
import type { FastifyStaticOptions } from '@fastify/static';
import { resolve, sep } from 'node:path';

/** A file under `assets/` has its content hash in its name: a new build is a new name, so it never changes. */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** `index.html` (and `/`) names the current build's assets: browsers ask again each time (an ETag answers 304). */
export const PAGE_CACHE_CONTROL = 'no-cache';

/**
 * The built admin panel (apps/admin/dist) on `/`. The build writes `.br` and `.gz` beside each text file, and
 * `preCompressed` sends the one the browser accepts (brotli first), so serving the panel compresses nothing
 * per request. Cache headers by path: hashed assets for a year, everything else revalidated.
 */
export function panelStaticOptions(root: string): FastifyStaticOptions {
  const assets = resolve(root, 'assets') + sep;
  return {
    root,
    prefix: '/',
    wildcard: true,
    index: ['index.html'],
    preCompressed: true,
    // Set below instead of `send`'s `public, max-age=0`.
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('cache-control', resolve(path).startsWith(assets) ? ASSET_CACHE_CONTROL : PAGE_CACHE_CONTROL);
    },
  };
}

/**
 * Routes that no compression hook runs on at all, whatever the caller accepts: the gate's (answers of 150 B to
 * about 1 KB, counted in milliseconds: bench/gate.mjs), and the panel's files (`panelStaticOptions`'s wildcard
 * route), which go out precompressed or, where compressing did not make a file smaller, as they are.
 */
export const UNCOMPRESSED_ROUTES = new Set([
  '/api/v1/compliance/contact-check',
  '/api/v1/compliance/contact-check/session',
  '/*',
]);

/**
 * API answers (JSON, CSV, metrics) of 1 KiB or more are compressed (brotli at quality 4, or gzip) for callers
 * that accept it; smaller ones are sent as they are. Request bodies are never decompressed: webhooks verify
 * their signatures over the bytes received.
 */
export const apiCompression: FastifyCompressOptions = {
  global: true,
  globalDecompression: false,
  encodings: ['br', 'gzip'],
  threshold: 1024,
};
