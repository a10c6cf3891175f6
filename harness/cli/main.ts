import { Command, CommanderError } from 'commander';
import { isFieldworkError } from '../core/errors.ts';
import type { CommandModule, RunAction } from './command.ts';
import * as analyze from './commands/analyze.ts';
import * as check from './commands/check.ts';
import * as docs from './commands/docs.ts';
import * as read from './commands/read.ts';
import * as record from './commands/record.ts';
import * as replay from './commands/replay.ts';
import * as report from './commands/report.ts';
import * as spec from './commands/spec.ts';
import * as typegen from './commands/typegen.ts';

/** In pipeline order, which is also the order `fieldwork --help` lists them in. */
const COMMANDS: CommandModule[] = [record, replay, read, spec, analyze, report, docs, typegen, check];

/** Builds the CLI program; exported for tests that drive commands in-process. */
export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('fieldwork')
    .description(
      'Record OpenAI API traffic into cassettes, replay it offline, and hold every payload and ' +
        'stream chunk against the OpenAI OpenAPI spec.',
    )
    .option('--spec <path>', 'OpenAPI spec to use (default: schemas/openapi.yaml, or $FIELDWORK_SPEC)')
    .option('--root <dir>', 'project root (default: current directory)')
    .showHelpAfterError()
    .exitOverride();
  const run: RunAction =
    (action) =>
    async (...args) => {
      const code = await action(...args);
      setExit(typeof code === 'number' ? code : 0);
    };
  for (const module of COMMANDS) module.register(program, run);
  return program;
}

/** Runs the CLI and returns the exit code; misuse errors print their fix, not a stack. */
export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = buildProgram((code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (isFieldworkError(error)) {
      process.stderr.write(`fieldwork: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
