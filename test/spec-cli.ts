/**
 * Runs `fieldwork spec ...` in-process with only the spec command registered, the way main() does
 * (global --spec/--root, FieldworkError -> message on stderr and exit 2), so the spec tests do not
 * depend on every other command module loading.
 */
import { Command, CommanderError } from 'commander';
import type { RunAction } from '../harness/cli/command.ts';
import { register } from '../harness/cli/commands/spec.ts';
import { isFieldworkError } from '../harness/core/errors.ts';

export async function runSpecCli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  process.stdout.write = ((chunk: string | Uint8Array) => ((out += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((err += String(chunk)), true)) as typeof process.stderr.write;
  let code = 0;
  try {
    const program = new Command('fieldwork').option('--spec <path>').option('--root <dir>').exitOverride();
    const run: RunAction =
      (action) =>
      async (...args) => {
        const result = await action(...args);
        code = typeof result === 'number' ? result : 0;
      };
    register(program, run);
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) code = error.exitCode;
    else if (isFieldworkError(error)) {
      err += `fieldwork: ${error.message}\n`;
      code = 2;
    } else throw error;
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
  return { code, out, err };
}
