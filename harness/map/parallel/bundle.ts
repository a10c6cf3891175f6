import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeFileAtomic } from '../../core/write-atomic.ts';

/**
 * The analysis worker as one plain-JS file. Started through tsx (`worker-entry.mjs`), every
 * worker registers its own TypeScript loader, which runs on a thread of its own: ~0.4 s of start-up
 * and ~35 MB per worker, measured on 2 workers. Bundled once per run with esbuild (tsx's own
 * compiler, ~70 ms), the worker starts as plain JavaScript. Packages are bundled too, so the file
 * can live in the cache directory, away from node_modules.
 */

/** Bundles kept in `<cacheDir>/worker` (one per fieldwork version that ran there, newest first). */
const KEEP = 3;

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
  if (!existsSync(file)) {
    writeFileAtomic(file, code);
    prune(dir, file);
  }
  return pathToFileURL(file);
}

/** Removes all but the newest KEEP bundles (never anything but our own `worker-*.mjs` files). */
function prune(dir: string, current: string): void {
  try {
    const bundles = readdirSync(dir)
      .filter((name) => /^worker-[0-9a-f]{16}\.mjs$/.test(name))
      .map((name) => ({ file: join(dir, name), mtime: statSync(join(dir, name)).mtimeMs }))
      .filter((b) => b.file !== current)
      .sort((a, b) => b.mtime - a.mtime);
    for (const old of bundles.slice(KEEP - 1)) rmSync(old.file, { force: true });
  } catch {
    // Pruning is housekeeping: a failure costs disk space, never the run.
  }
}
