import { vi } from 'vitest';
import { main } from '../../harness/cli/main.ts';
import { SPEC_PATH } from './shared.ts';

/** What one in-process CLI run printed and returned. */
export interface CliRun {
  code: number;
  /** Everything written to stdout. */
  out: string;
  /** Everything written to stderr. */
  err: string;
}

/**
 * Runs `fieldwork ...args` in-process (the same code path as bin/fieldwork.mjs) and captures
 * stdout and stderr, so end-to-end tests assert on exactly what a user would see.
 */
export async function runCli(args: readonly string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    return { code: await main([...args]), out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

/** `fieldwork --root ROOT --spec <the shared spec> ...args`: a project in a temp dir, the real spec. */
export function runCliIn(root: string, ...args: string[]): Promise<CliRun> {
  return runCli(['--root', root, '--spec', SPEC_PATH, ...args]);
}
