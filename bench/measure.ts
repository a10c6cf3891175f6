import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file lives in bench/). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** What one measured child process did. */
export interface Measured {
  code: number | null;
  /** Wall clock from spawn to exit, as a user would time it. */
  wallMs: number;
  /** Peak resident set size of the child (all its threads), MB. Null when not reported. */
  maxRssMb: number | null;
  cpuMs: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command, capturing output; resolves when it exits. */
export function run(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Omit<Measured, 'maxRssMb' | 'cpuMs'>> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { cwd: options.cwd ?? REPO_ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      resolvePromise({
        code,
        wallMs: performance.now() - started,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

interface Usage {
  maxRssKb: number;
  userMs: number;
  systemMs: number;
}

function readUsage(file: string): Usage | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Usage;
  } catch {
    return null; // the child crashed before reporting; the exit code and stderr say why
  }
}

/**
 * Runs `fieldwork <args>` in a fresh Node process through bench/child.mjs, which reports the
 * child's own peak RSS and CPU time (process.resourceUsage), so no external `time` is needed.
 */
export async function runFieldwork(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'fieldwork-usage-'));
  const usageFile = join(dir, 'usage.json');
  try {
    const result = await run(process.execPath, [join(REPO_ROOT, 'bench/child.mjs'), ...args], {
      env: { ...process.env, ...env, FIELDWORK_BENCH_USAGE: usageFile },
    });
    const usage = readUsage(usageFile);
    return { ...result, maxRssMb: usage ? usage.maxRssKb / 1024 : null, cpuMs: usage ? usage.userMs + usage.systemMs : null };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
