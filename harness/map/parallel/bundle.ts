import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { pruneCacheSiblings, touchCacheEntry, WORKER_CACHE } from '../../core/cache-prune.ts';
import { writeFileAtomic } from '../../core/write-atomic.ts';

/**
 * The analysis worker as one plain-JS file. Started through tsx (`worker-entry.mjs`), every
 * worker registers its own TypeScript loader, which runs on a thread of its own: ~0.4 s of start-up
 * and ~35 MB per worker, measured on 2 workers. Bundled once per run with esbuild (tsx's own
 * compiler, ~70 ms), the worker starts as plain JavaScript. Packages are bundled too, so the file
 * can live in the cache directory, away from node_modules.
 */

// The bundle is ESM; bundled CommonJS packages still call `require`, which ESM lacks.
const BANNER = "import { createRequire as __fieldworkRequire } from 'node:module'; const require = __fieldworkRequire(import.meta.url);";

const built = new Map<string, Promise<URL | null>>();

/**
 * The worker bundle's URL under `cacheDir`, built (and written, named by its content hash) once
 * per process; null without a cache directory or when bundling fails, and the pool then starts
 * workers through tsx as before, so a bundling problem never fails a run.
 */
export function workerBundle(cacheDir: string | null): Promise<URL | null> {
  if (!cacheDir) return Promise.resolve(null);
  let url = built.get(cacheDir);
  if (!url) {
    url = build(cacheDir).catch(() => null);
    built.set(cacheDir, url);
  }
  return url;
}

async function build(cacheDir: string): Promise<URL | null> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    banner: { js: BANNER },
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) return null;
  const dir = join(cacheDir, 'worker');
  const file = join(dir, `worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (existsSync(file)) touchCacheEntry(file);
  else {
    writeFileAtomic(file, code);
    pruneCacheSiblings(file, WORKER_CACHE);
  }
  return pathToFileURL(file);
}
