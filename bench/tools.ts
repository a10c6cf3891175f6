import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, run } from './measure.ts';

/**
 * The tools users would otherwise reach for, timed cold in the same run as fieldwork:
 * `prism mock` (spec-driven mock server) and `openapi-typescript` (types from the spec).
 */

const bin = (name: string): string => join(REPO_ROOT, 'node_modules/.bin', name);

/** Milliseconds from spawning `prism mock SPEC` to its "Prism is listening" line; kills it after. */
export function prismColdStart(specPath: string, timeoutMs = 180_000): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(bin('prism'), ['mock', specPath, '-h', '127.0.0.1', '-p', '0'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffered = '';
    let settled = false;
    const finish = (error: Error | null, ms?: number): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGTERM');
      if (error) reject(error);
      else resolvePromise(ms!);
    };
    const timer = setTimeout(() => finish(new Error(`prism did not start within ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      // Keep only a tail: prism logs every route it serves before it says it is listening.
      buffered = (buffered + chunk.toString('utf8')).slice(-4096);
      if (/Prism is listening on http:\/\/127\.0\.0\.1:\d+/.test(buffered)) finish(null, performance.now() - started);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (error) => finish(error));
    child.on('exit', (code) => finish(new Error(`prism exited with ${code} before listening: ${buffered.slice(-500)}`)));
  });
}

/** Wall-clock ms of `openapi-typescript SPEC -o OUT`. */
export async function openapiTypescript(specPath: string, outFile: string): Promise<number> {
  const result = await run(bin('openapi-typescript'), [specPath, '-o', outFile]);
  if (result.code !== 0 || !existsSync(outFile)) throw new Error(`openapi-typescript failed: ${result.stderr.slice(-500)}`);
  return result.wallMs;
}
